import type { ApiConfig } from './load';

/** A log-safe view of the configuration: no master key, no database or admin password, no metrics token. */
export type ConfigSummary = Readonly<
  Omit<
    ApiConfig,
    | 'databaseUrl'
    | 'masterKey'
    | 'adminPassword'
    | 'previousMasterKeys'
    | 'metricsToken'
    | 'smtpUrl'
    | 'oidc'
    | 'redisUrl'
  > & {
    /** `not configured`, or the SMTP URL with its password masked. */
    smtp: string;
    /** `not used` (the postgres pub/sub), or the Redis URL with its password masked. */
    redis: string;
    /** `embedded`, or the URL with its password masked. */
    database: string;
    /** Where the master key comes from: the environment, or the file in the data dir. */
    masterKeySource: 'SPENDSYNC_MASTER_KEY' | 'SPENDSYNC_MASTER_KEY_FILE' | 'data dir';
    /** How many earlier keys are accepted for reading (never the keys). */
    previousMasterKeys: number;
    /** Whether `GET /metrics` needs the bearer token or is open. */
    metrics: 'token' | 'open';
    /** Single sign-on without its client secret. */
    oidc?: Omit<NonNullable<ApiConfig['oidc']>, 'clientSecret'>;
  }
>;

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** What to print at start-up so an operator can see the effective settings without leaking secrets. */
export function describeConfig(config: ApiConfig): ConfigSummary {
  const {
    databaseUrl,
    masterKey,
    adminPassword: _adminPassword,
    previousMasterKeys,
    metricsToken,
    smtpUrl,
    oidc,
    redisUrl,
    ...rest
  } = config;
  return {
    ...rest,
    smtp: smtpUrl === undefined ? 'not configured' : withoutPassword(smtpUrl),
    redis: redisUrl === undefined ? 'not used' : withoutPassword(redisUrl),
    database: databaseUrl === undefined ? 'embedded' : withoutPassword(databaseUrl),
    previousMasterKeys: previousMasterKeys.length,
    masterKeySource:
      masterKey !== undefined
        ? 'SPENDSYNC_MASTER_KEY'
        : rest.masterKeyFile !== undefined
          ? 'SPENDSYNC_MASTER_KEY_FILE'
          : 'data dir',
    metrics: metricsToken === undefined ? 'open' : 'token',
    ...(oidc ? { oidc: (({ clientSecret: _secret, ...shown }) => shown)(oidc) } : {}),
  };
}
