import type {
  CredentialField,
  ProviderAccountRecord,
  ProviderInfo,
  SyncLogLine,
  SyncProgress,
  SyncRunRecord,
} from '../data-provider/records';

/** A provider as the `providers` query returns it. */
export function buildProviderInfo(overrides: Partial<ProviderInfo> = {}): ProviderInfo {
  const apiKey: CredentialField = {
    name: 'apiKey',
    label: 'Admin key',
    secret: true,
    optional: false,
    placeholder: 'sk-admin-…',
    help: null,
  };
  return {
    id: 'OPENAI',
    label: 'OpenAI',
    keyType: 'Organization Admin key (sk-admin-…); project keys (sk-proj-…) cannot read billing',
    whereToCreate: 'platform.openai.com → Settings → Organization → Admin keys',
    credentialFields: [apiKey],
    dataDelay: null,
    expectedDelayHours: 2,
    available: true,
    reportsRequests: true,
    reportsCredits: false,
    limitations: null,
    ...overrides,
  };
}

/** AWS Bedrock's guide: several fields, optional ones included. */
export function buildBedrockInfo(): ProviderInfo {
  return buildProviderInfo({
    id: 'AWS_BEDROCK',
    label: 'AWS Bedrock',
    keyType: 'IAM access key (AKIA…)',
    whereToCreate: 'AWS console → IAM',
    credentialFields: [
      { name: 'accessKeyId', label: 'Access key ID', secret: false, optional: false, placeholder: 'AKIA…', help: null },
      {
        name: 'secretAccessKey',
        label: 'Secret access key',
        secret: true,
        optional: false,
        placeholder: null,
        help: null,
      },
      {
        name: 'region',
        label: 'Region',
        secret: false,
        optional: true,
        placeholder: 'us-east-1',
        help: 'Defaults to us-east-1',
      },
    ],
    expectedDelayHours: 48,
  });
}

/** A sync run as the API returns it. */
export function buildRun(overrides: Partial<SyncRunRecord> = {}): SyncRunRecord {
  return {
    id: 'run-1',
    providerAccountId: 'acc-1',
    trigger: 'LINK',
    status: 'SUCCEEDED',
    windowStart: '2026-10-28',
    windowEnd: '2026-11-27',
    createdAt: '2026-11-27T07:00:00.000Z',
    startedAt: '2026-11-27T07:00:01.000Z',
    finishedAt: '2026-11-27T07:00:09.000Z',
    workspaceCount: 2,
    apiKeyCount: 4,
    recordCount: 120,
    error: null,
    missingDays: [],
    ...overrides,
  };
}

type AccountFields = Omit<ProviderAccountRecord, 'spend' | 'credits' | 'net' | 'coverage'>;

/** A provider account as the `providerAccounts` query returns it (without the dashboard's money). */
export function buildAccount(overrides: Partial<AccountFields> = {}): AccountFields {
  const info = buildProviderInfo();
  return {
    id: 'acc-1',
    provider: 'OPENAI',
    label: 'OpenAI – research',
    keyHint: 'sk-admin-Ab1...wxyz',
    status: 'ACTIVE',
    lastError: null,
    lastSyncedAt: '2026-11-27T07:00:09.000Z',
    dataCompleteThrough: '2026-11-26',
    endpoint: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-27T07:00:09.000Z',
    info: {
      label: info.label,
      keyType: info.keyType,
      whereToCreate: info.whereToCreate,
      dataDelay: info.dataDelay,
      expectedDelayHours: info.expectedDelayHours,
      reportsRequests: info.reportsRequests,
      reportsCredits: info.reportsCredits,
    },
    attention: [],
    activeRun: null,
    lastRun: buildRun(),
    ...overrides,
  };
}

/** A live progress event. */
export function buildProgress(overrides: Partial<SyncProgress> = {}): SyncProgress {
  return {
    runId: 'run-1',
    providerAccountId: 'acc-1',
    provider: 'OPENAI',
    trigger: 'LINK',
    status: 'RUNNING',
    phase: 'FETCHING',
    windowStart: '2026-10-28',
    windowEnd: '2026-11-27',
    daysDone: 7,
    daysTotal: 30,
    recordsSoFar: 40,
    workspaces: 2,
    apiKeys: 4,
    missingDays: [],
    chunkStart: '2026-11-04',
    chunkEnd: '2026-11-11',
    message: 'Fetched 2026-10-28 to 2026-11-04',
    at: '2026-11-27T07:00:03.000Z',
    ...overrides,
  };
}

/** A log line. */
export function buildLogLine(id: number, overrides: Partial<SyncLogLine> = {}): SyncLogLine {
  return {
    id: String(id),
    runId: 'run-1',
    at: '2026-11-27T07:00:03.000Z',
    level: 'INFO',
    message: `line ${id}`,
    ...overrides,
  };
}
