/** The API's `Provider` enum (the admin keeps the enum names; labels come from ProviderInfo). */
export type ProviderEnum =
  'OPENAI' | 'ANTHROPIC' | 'AWS_BEDROCK' | 'VERTEX_AI' | 'AZURE' | 'FAL' | 'RUNWAY' | 'OPENROUTER' | 'LITELLM';

export type ProviderAccountStatus = 'ACTIVE' | 'SYNCING' | 'ERROR' | 'DISCONNECTED';
export type SyncRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED';
export type SyncPhase = 'QUEUED' | 'VERIFYING' | 'LISTING' | 'FETCHING' | 'WRITING' | 'FINISHED';
export type UserRole = 'ADMIN' | 'VIEWER';

/** A field of a provider's credential, for building its form. */
export type CredentialField = {
  /** The JSON field name (`apiKey`, `secretAccessKey`…). */
  name: string;
  label: string;
  /** Shown masked; the API never sends its value back. */
  secret: boolean;
  optional: boolean;
  placeholder: string | null;
  help: string | null;
};

/** A provider: the credential it needs, where to create it, how late its data is. */
export type ProviderInfo = {
  id: ProviderEnum;
  label: string;
  keyType: string;
  whereToCreate: string;
  credentialFields: CredentialField[];
  dataDelay: string | null;
  expectedDelayHours: number | null;
  available: boolean;
  reportsRequests: boolean | null;
  reportsCredits: boolean | null;
  /** What to know before linking (what some credentials cannot sync, how far back data goes). */
  limitations: string | null;
};

/** Why an account needs an admin although its syncs do not fail, and the fix. */
export type AccountAttention = { kind: 'NO_BILLING_DATA' | 'LIMITED_CREDENTIAL'; message: string; fix: string };

/** One sync of one account (`sync-runs` resource). */
export type SyncRunRecord = {
  id: string;
  providerAccountId: string;
  trigger: 'LINK' | 'SCHEDULE' | 'MANUAL';
  status: SyncRunStatus;
  windowStart: string;
  windowEnd: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  workspaceCount: number;
  apiKeyCount: number;
  recordCount: number;
  error: string | null;
  missingDays: string[];
  /** Present on a single run (null after the account was purged). */
  providerAccount?: { id: string; label: string; provider: ProviderEnum; info: { label: string } } | null;
};

/** A linked account (`provider-accounts` resource), with its spend in the list's period. */
export type ProviderAccountRecord = {
  id: string;
  provider: ProviderEnum;
  label: string;
  keyHint: string;
  status: ProviderAccountStatus;
  lastError: string | null;
  lastSyncedAt: string | null;
  dataCompleteThrough: string | null;
  /** Every read day before this one is settled; later days are provisional (the provider may revise them). */
  settledThrough?: string | null;
  endpoint: string | null;
  createdAt: string;
  updatedAt: string;
  info: Pick<
    ProviderInfo,
    'label' | 'keyType' | 'whereToCreate' | 'dataDelay' | 'expectedDelayHours' | 'reportsRequests' | 'reportsCredits'
  >;
  /** Needs attention although syncs succeed (no billing data for the key, a limited key); empty when fine. */
  attention: AccountAttention[];
  activeRun: SyncRunRecord | null;
  lastRun: SyncRunRecord | null;
  /** Billed cost in the last 30 days (exact decimal string); null when the dashboard has no row. */
  spend: string | null;
  credits: string | null;
  net: string | null;
  /** Metered ÷ billed spend (decimal string); null when nothing was billed. */
  coverage: string | null;
};

/** A live progress event of a sync run (subscription `syncRunProgressed`). */
export type SyncProgress = {
  runId: string;
  providerAccountId: string;
  provider: ProviderEnum;
  trigger: SyncRunRecord['trigger'];
  status: SyncRunStatus;
  phase: SyncPhase;
  windowStart: string;
  windowEnd: string;
  daysDone: number;
  daysTotal: number;
  recordsSoFar: number;
  workspaces: number;
  apiKeys: number;
  missingDays: string[];
  chunkStart: string | null;
  chunkEnd: string | null;
  message: string | null;
  at: string;
};

/** One line of a run's log. */
export type SyncLogLine = {
  id: string;
  runId: string;
  at: string;
  level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  message: string;
};

/** The signed-in caller. */
export type Viewer = {
  role: UserRole;
  /** `passwordChangeRequired`: the first admin must change the password before anything else works. */
  user: { id: string; email: string; passwordChangeRequired?: boolean } | null;
  organization: { id: string; name: string };
};

/** What linking returned besides the account. */
export type CredentialVerification = { detail: string; message: string | null; accountName: string | null };

/** An API token as listed (never its value). */
export type ApiTokenRecord = {
  id: string;
  name: string;
  hint: string;
  canRecordUsage: boolean;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** A user of the organization. */
export type UserRecord = { id: string; email: string; role: UserRole; createdAt: string; deactivatedAt: string | null };
