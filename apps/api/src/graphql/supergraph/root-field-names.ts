/**
 * The supergraph names of spendsync's root fields, keyed by the names they had before
 * spendsync joined a supergraph. Every root field spendsync publishes starts with `spendsync`
 * so no other team's subgraph can clash with it (`me`, `users`, `login`… are everyone's
 * names). The old names keep working for direct clients (the admin UI, scripts) as deprecated
 * aliases and are left out of the subgraph SDL the router composes (see legacy-root-fields.ts).
 * A new root field is declared with its `spendsync…` name and needs no entry here.
 */
export const SUPERGRAPH_ROOT_FIELDS = {
  Query: {
    me: 'spendsyncViewer',
    users: 'spendsyncUsers',
    apiTokens: 'spendsyncApiTokens',
    apiKeys: 'spendsyncApiKeys',
    apiKey: 'spendsyncApiKey',
    models: 'spendsyncModels',
    model: 'spendsyncModel',
    providers: 'spendsyncProviders',
    providerAccounts: 'spendsyncProviderAccounts',
    providerAccount: 'spendsyncProviderAccount',
    syncRuns: 'spendsyncSyncRuns',
    syncRun: 'spendsyncSyncRun',
    syncLogLines: 'spendsyncSyncLogLines',
    workspaces: 'spendsyncWorkspaces',
    workspace: 'spendsyncWorkspace',
    providerDashboard: 'spendsyncProviderDashboard',
    modelDashboard: 'spendsyncModelDashboard',
    apiKeyDashboard: 'spendsyncApiKeyDashboard',
    workspaceDashboard: 'spendsyncWorkspaceDashboard',
    costSeries: 'spendsyncCostSeries',
    modelInsights: 'spendsyncModelInsights',
    budgets: 'spendsyncBudgets',
    budget: 'spendsyncBudget',
    budgetAlertEvents: 'spendsyncBudgetAlertEvents',
    notificationChannels: 'spendsyncNotificationChannels',
    notificationDeliveries: 'spendsyncNotificationDeliveries',
    anomalies: 'spendsyncAnomalies',
    anomaly: 'spendsyncAnomaly',
    anomalySettings: 'spendsyncAnomalySettings',
  },
  Mutation: {
    login: 'spendsyncLogin',
    logout: 'spendsyncLogout',
    changePassword: 'spendsyncChangePassword',
    createUser: 'spendsyncCreateUser',
    updateUser: 'spendsyncUpdateUser',
    createApiToken: 'spendsyncCreateApiToken',
    revokeApiToken: 'spendsyncRevokeApiToken',
    recordMeteredUsage: 'spendsyncRecordMeteredUsage',
    linkProvider: 'spendsyncLinkProvider',
    updateProviderCredentials: 'spendsyncUpdateProviderCredentials',
    unlinkProvider: 'spendsyncUnlinkProvider',
    refreshProvider: 'spendsyncRefreshProvider',
    renameWorkspace: 'spendsyncRenameWorkspace',
    revertWorkspaceName: 'spendsyncRevertWorkspaceName',
    mapWorkspaces: 'spendsyncMapWorkspaces',
    unmapWorkspace: 'spendsyncUnmapWorkspace',
    createBudget: 'spendsyncCreateBudget',
    updateBudget: 'spendsyncUpdateBudget',
    deleteBudget: 'spendsyncDeleteBudget',
    createNotificationChannel: 'spendsyncCreateNotificationChannel',
    rotateNotificationChannelSecret: 'spendsyncRotateNotificationChannelSecret',
    testNotificationChannel: 'spendsyncTestNotificationChannel',
    deleteNotificationChannel: 'spendsyncDeleteNotificationChannel',
    acknowledgeAnomaly: 'spendsyncAcknowledgeAnomaly',
    updateAnomalySettings: 'spendsyncUpdateAnomalySettings',
  },
  Subscription: {
    syncRunProgressed: 'spendsyncSyncRunProgressed',
    syncLogAppended: 'spendsyncSyncLogAppended',
    alertFired: 'spendsyncAlertFired',
    anomalyDetected: 'spendsyncAnomalyDetected',
  },
} as const satisfies Record<'Query' | 'Mutation' | 'Subscription', Record<string, `spendsync${string}`>>;

/** A root type spendsync defines. */
export type RootTypeName = keyof typeof SUPERGRAPH_ROOT_FIELDS;

/** The root field's names: the given (old or new) name plus its counterpart, if any. */
export function withSupergraphNames(type: RootTypeName, names: readonly string[]): string[] {
  const renames: Record<string, string> = SUPERGRAPH_ROOT_FIELDS[type];
  return names.flatMap((name) => (renames[name] ? [name, renames[name]] : [name]));
}
