// The GraphQL documents of the admin's own screens (see apps/api/schema.graphql, the contract).
// The data provider test runs every one of them against that schema.

const RUN_FIELDS = `id providerAccountId trigger status windowStart windowEnd createdAt startedAt finishedAt
  workspaceCount apiKeyCount recordCount error missingDays`;

const ACCOUNT_FIELDS = `id provider label keyHint status lastError lastSyncedAt dataCompleteThrough settledThrough endpoint createdAt updatedAt
  info { label keyType whereToCreate dataDelay expectedDelayHours reportsRequests reportsCredits }
  attention { kind message fix }
  activeRun { ${RUN_FIELDS} }
  lastRun { ${RUN_FIELDS} }`;

const PROVIDER_FIELDS = `id label keyType whereToCreate dataDelay limitations expectedDelayHours available reportsRequests reportsCredits
  credentialFields { name label secret optional placeholder help }`;

/** The accounts, and their spend and coverage over the last 30 days. */
export const PROVIDER_ACCOUNTS = `query ProviderAccounts($status: ProviderAccountStatus, $provider: SpendsyncProvider) {
  providerAccounts(status: $status, provider: $provider) { ${ACCOUNT_FIELDS} }
  providerDashboard(filter: { preset: LAST_30_DAYS, limit: 500 }) { rows { providerAccountId spend credits net coverage } }
}`;

export const PROVIDER_ACCOUNT = `query ProviderAccount($id: ID!) { providerAccount(id: $id) { ${ACCOUNT_FIELDS} } }`;

export const PROVIDERS = `query Providers { providers { ${PROVIDER_FIELDS} } }`;

export const LINK_PROVIDER = `mutation LinkProvider($input: LinkProviderInput!) {
  linkProvider(input: $input) { account { ${ACCOUNT_FIELDS} } run { ${RUN_FIELDS} } verification { detail message accountName } }
}`;

export const UPDATE_PROVIDER_CREDENTIALS = `mutation UpdateProviderCredentials($input: UpdateProviderCredentialsInput!) {
  updateProviderCredentials(input: $input) { account { ${ACCOUNT_FIELDS} } verification { detail message accountName } }
}`;

export const UNLINK_PROVIDER = `mutation UnlinkProvider($id: ID!, $purgeHistory: Boolean!) {
  unlinkProvider(id: $id, purgeHistory: $purgeHistory) { id purged }
}`;

export const REFRESH_PROVIDER = `mutation RefreshProvider($id: ID!) { refreshProvider(id: $id) { alreadyRunning run { ${RUN_FIELDS} } } }`;

/** Runs of one account, or of every account (the global sync log), narrowed by status and trigger. */
export const SYNC_RUNS = `query SyncRuns($providerAccountId: ID, $status: SyncRunStatus, $trigger: SyncTrigger, $offset: Int!, $limit: Int!) {
  syncRuns(providerAccountId: $providerAccountId, status: $status, trigger: $trigger, offset: $offset, limit: $limit) {
    total items { ${RUN_FIELDS} providerAccount { id label provider info { label } } }
  }
}`;

export const SYNC_RUN = `query SyncRun($id: ID!) {
  syncRun(id: $id) { ${RUN_FIELDS} providerAccount { id label provider info { label } } }
}`;

export const SYNC_LOG_LINES = `query SyncLogLines($runId: ID!, $afterId: ID, $limit: Int!) {
  syncLogLines(runId: $runId, afterId: $afterId, limit: $limit) { id runId at level message }
}`;

export const ME = `query Me { me { role user { id email passwordChangeRequired } organization { id name } } }`;

export const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { expiresAt } }`;

export const LOGOUT = `mutation Logout { logout }`;

/** What the sign-in page offers (public). */
export const SIGN_IN_OPTIONS = `query SignInOptions { spendsyncSignInOptions { ssoConfigured passwordSignInEnabled } }`;

/** Exchanges the one-time code single sign-on handed back for a session (the same payload as login). */
export const COMPLETE_SSO_SIGN_IN = `mutation CompleteSsoSignIn($code: String!) {
  spendsyncCompleteSsoSignIn(code: $code) { token expiresAt }
}`;

export const SIGN_IN_SETTINGS = `query SignInSettings { spendsyncSignInSettings { ssoConfigured passwordSignInEnabled issuer } }`;

export const SET_PASSWORD_SIGN_IN = `mutation SetPasswordSignIn($enabled: Boolean!) {
  spendsyncSetPasswordSignIn(enabled: $enabled) { ssoConfigured passwordSignInEnabled issuer }
}`;

/** Progress of every sync of the organization (the live invalidation feed). */
export const SYNC_RUN_PROGRESSED = `subscription SyncRunProgressed {
  syncRunProgressed {
    runId providerAccountId provider trigger status phase windowStart windowEnd daysDone daysTotal recordsSoFar
    workspaces apiKeys missingDays chunkStart chunkEnd message at
  }
}`;

export const SYNC_LOG_APPENDED = `subscription SyncLogAppended($runId: ID!) { syncLogAppended(runId: $runId) { id runId at level message } }`;

const TOKEN_FIELDS = 'id name hint canRecordUsage createdAt expiresAt lastUsedAt revokedAt';

export const API_TOKENS = `query ApiTokens { apiTokens { ${TOKEN_FIELDS} } }`;

export const CREATE_API_TOKEN = `mutation CreateApiToken(
  $name: String!, $canRecordUsage: Boolean!, $expiresInDays: Int!
) {
  createApiToken(name: $name, canRecordUsage: $canRecordUsage, expiresInDays: $expiresInDays) {
    token apiToken { ${TOKEN_FIELDS} }
  }
}`;

export const REVOKE_API_TOKEN = `mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ${TOKEN_FIELDS} } }`;

const USER_FIELDS = 'id email role createdAt deactivatedAt';

export const USERS = `query Users { users { ${USER_FIELDS} } }`;

export const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;

export const UPDATE_USER = `mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ${USER_FIELDS} } }`;

export const CHANGE_PASSWORD = `mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}`;
