import path from 'node:path';
import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';
import { ZApiEnv, type NodeEnv } from './schema/api';
import { ZAuthEnv } from './schema/auth';
import { MASTER_KEY_RULE, ZCryptoEnv } from './schema/crypto';
import { ZDatabaseEnv } from './schema/database';
import { ZHttpEnv } from './schema/http';
import { type LogLevel, ZLoggingEnv } from './schema/logging';
import { ZNetworkEnv } from './schema/network';
import { ZMetricsEnv } from './schema/metrics';
import { ZSyncEnv } from './schema/sync';
import { ZNotificationsEnv } from './schema/notifications';
import { checkOidcEnv, ZOidcEnv, type OidcDomainRule } from './schema/oidc';
import { type PubSubBackend, ZPubSubEnv } from './schema/pubsub';
import { ZWorkersEnv } from './schema/workers';

/** Everything the API process reads from its environment, validated. */
export type ApiConfig = Readonly<{
  nodeEnv: NodeEnv;
  /** HTTP port; 0 lets the OS pick one. */
  port: number;
  /** Absolute path of the local state directory (embedded database, generated master key). */
  dataDir: string;
  /** External PostgreSQL; absent means the embedded database in `dataDir`. Contains a password: never log it. */
  databaseUrl?: string;
  /** PostgreSQL statement_timeout for the serving pool, in ms; 0 means none. */
  statementTimeoutMs: number;
  /** The decoded 32-byte AES key; absent outside production means "generate one into dataDir". Secret. */
  masterKey?: Buffer;
  /** Absolute path of a file holding the key (SPENDSYNC_MASTER_KEY_FILE), read when masterKey is absent. */
  masterKeyFile?: string;
  /** Earlier keys still accepted for reading during a rotation (SPENDSYNC_MASTER_KEY_PREVIOUS). Secret. */
  previousMasterKeys: readonly Buffer[];
  /** Cron expression for scheduled syncs (UTC). */
  syncSchedule: string;
  /** Days of history read when an account is first linked. */
  backfillDays: number;
  logLevel: LogLevel;
  /** Email of the admin created on first start. */
  adminEmail: string;
  /** That admin's password; absent means "generate and print one". Secret: never log it. */
  adminPassword?: string;
  /** The first admin must change their password at first sign-in (SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD, default true). */
  adminMustChangePassword: boolean;
  /** True when provider accounts may use a custom endpoint (simulators, proxies). */
  allowCustomEndpoints: boolean;
  /** Browser origins other than the API's own that may call it (CORS); empty: none. */
  corsOrigins: readonly string[];
  /** Addresses or CIDR ranges of proxies whose X-Forwarded-For is believed (Express `trust proxy`); empty: none. */
  trustedProxies: readonly string[];
  /** Loopback or private hosts/ranges a LiteLLM proxy may be linked at (SPENDSYNC_LITELLM_ALLOWED_HOSTS). */
  litellmAllowedHosts: readonly string[];
  /** Bearer token `GET /metrics` requires; absent means the route is open. Secret: never log it. */
  metricsToken?: string;
  /** SMTP server for email alerts (may contain a password: never log it); absent: email is not configured. */
  smtpUrl?: string;
  /** Sender address of alert emails; set whenever `smtpUrl` is. */
  smtpFrom?: string;
  /** Base URL of the admin UI for links in alerts. */
  publicUrl: string;
  /** Accounts one worker process syncs at the same time. */
  workerConcurrency: number;
  /** Port of the worker role's health server. */
  workerPort: number;
  /** Seconds a worker holds a sync job before another worker may take it over. */
  jobLeaseSeconds: number;
  /** What carries live events between processes (SPENDSYNC_PUBSUB, default postgres). */
  pubsub: PubSubBackend;
  /** The Redis server when `pubsub` is `redis` (may contain a password: never log it). */
  redisUrl?: string;
  /** Single sign-on (SPENDSYNC_OIDC_*); absent: password sign-in only. */
  oidc?: OidcConfig;
}>;

/** An OpenID Connect provider to sign in with. */
export type OidcConfig = Readonly<{
  issuer: string;
  clientId: string;
  /** Secret: never log it. */
  clientSecret: string;
  /** Email domains that may sign in and the role their new users get; empty: any domain. */
  allowedDomains: readonly OidcDomainRule[];
  /** ID token claim naming the role (`admin`/`viewer`) of a new user. */
  roleClaim?: string;
  /** Organization SSO users belong to; absent: the installation's only one. */
  organizationId?: string;
}>;

/** Environment-like input: `process.env` or a plain record in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

const ZApiConfigEnv = z
  .object({
    ...ZApiEnv.shape,
    ...ZDatabaseEnv.shape,
    ...ZCryptoEnv.shape,
    ...ZSyncEnv.shape,
    ...ZLoggingEnv.shape,
    ...ZAuthEnv.shape,
    ...ZHttpEnv.shape,
    ...ZNetworkEnv.shape,
    ...ZMetricsEnv.shape,
    ...ZNotificationsEnv.shape,
    ...ZWorkersEnv.shape,
    ...ZOidcEnv.shape,
    ...ZPubSubEnv.shape,
  })
  .superRefine(
    (env, ctx) => {
      checkOidcEnv(env, ctx);
      if (env.SPENDSYNC_SMTP_URL !== undefined && env.SPENDSYNC_SMTP_FROM === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['SPENDSYNC_SMTP_FROM'],
          message: 'is required with SPENDSYNC_SMTP_URL (the sender of alert emails)',
        });
      }
      if (env.SPENDSYNC_PUBSUB === 'redis' && env.SPENDSYNC_REDIS_URL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['SPENDSYNC_REDIS_URL'],
          message: 'is required with SPENDSYNC_PUBSUB=redis (e.g. redis://127.0.0.1:6379)',
        });
      }
      if (
        env.NODE_ENV === 'production' &&
        env.SPENDSYNC_MASTER_KEY === undefined &&
        env.SPENDSYNC_MASTER_KEY_FILE === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['SPENDSYNC_MASTER_KEY'],
          message: `(or SPENDSYNC_MASTER_KEY_FILE) is required when NODE_ENV=production; it ${MASTER_KEY_RULE}`,
        });
      }
    },
    { when: () => true },
  ); // run the cross-field rule even when other variables failed, so all problems show at once

/** `FOO=` in a .env file or a compose file means "not set", not "set to nothing". */
export function withoutEmptyStrings(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}

/** One problem per variable, in the order zod found them. */
export function toProblems(error: z.ZodError): ConfigProblem[] {
  const problems = error.issues.map((i) => ({ variable: String(i.path[0] ?? 'environment'), message: i.message }));
  return problems.filter((p, i) => problems.findIndex((q) => q.variable === p.variable) === i);
}

/**
 * The directory the user started spendsync from. `pnpm start` runs the API inside `apps/api`
 * through turbo and a nested pnpm, so the process's cwd is not where the user typed the
 * command: turbo records that in TURBO_INVOCATION_DIR, pnpm in INIT_CWD (which the nested pnpm
 * overwrites, hence turbo's first).
 */
function startDir(env: Env): string {
  return env.TURBO_INVOCATION_DIR?.trim() || env.INIT_CWD?.trim() || process.cwd();
}

/**
 * Reads and validates the API's configuration. Throws one {@link ConfigError} naming every bad
 * variable. A relative data dir is resolved against the directory spendsync was started from,
 * so `pnpm start` at the repository root keeps its state in `./.spendsync` there.
 */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  const result = ZApiConfigEnv.safeParse(withoutEmptyStrings(env));
  if (!result.success) throw new ConfigError(toProblems(result.error));
  const e = result.data;
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    dataDir: path.resolve(startDir(env), e.SPENDSYNC_DATA_DIR),
    ...(e.DATABASE_URL === undefined ? {} : { databaseUrl: e.DATABASE_URL }),
    statementTimeoutMs: e.SPENDSYNC_STATEMENT_TIMEOUT_MS,
    ...(e.SPENDSYNC_MASTER_KEY === undefined ? {} : { masterKey: e.SPENDSYNC_MASTER_KEY }),
    ...(e.SPENDSYNC_MASTER_KEY_FILE === undefined
      ? {}
      : { masterKeyFile: path.resolve(startDir(env), e.SPENDSYNC_MASTER_KEY_FILE) }),
    previousMasterKeys: Object.freeze(e.SPENDSYNC_MASTER_KEY_PREVIOUS ?? []),
    syncSchedule: e.SPENDSYNC_SYNC_SCHEDULE,
    backfillDays: e.SPENDSYNC_BACKFILL_DAYS,
    logLevel: e.LOG_LEVEL,
    adminEmail: e.SPENDSYNC_ADMIN_EMAIL.toLowerCase(),
    ...(e.SPENDSYNC_ADMIN_PASSWORD === undefined ? {} : { adminPassword: e.SPENDSYNC_ADMIN_PASSWORD }),
    adminMustChangePassword: e.SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD,
    allowCustomEndpoints: e.SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS,
    corsOrigins: Object.freeze(e.SPENDSYNC_CORS_ORIGINS ?? []),
    trustedProxies: Object.freeze([...e.SPENDSYNC_TRUSTED_PROXIES]),
    litellmAllowedHosts: Object.freeze([...e.SPENDSYNC_LITELLM_ALLOWED_HOSTS]),
    ...(e.SPENDSYNC_METRICS_TOKEN === undefined ? {} : { metricsToken: e.SPENDSYNC_METRICS_TOKEN }),
    ...(e.SPENDSYNC_SMTP_URL === undefined ? {} : { smtpUrl: e.SPENDSYNC_SMTP_URL }),
    ...(e.SPENDSYNC_SMTP_FROM === undefined ? {} : { smtpFrom: e.SPENDSYNC_SMTP_FROM }),
    publicUrl: (e.SPENDSYNC_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    workerConcurrency: e.SPENDSYNC_WORKER_CONCURRENCY,
    workerPort: e.SPENDSYNC_WORKER_PORT,
    jobLeaseSeconds: e.SPENDSYNC_JOB_LEASE_SECONDS,
    ...(e.SPENDSYNC_OIDC_ISSUER && e.SPENDSYNC_OIDC_CLIENT_ID && e.SPENDSYNC_OIDC_CLIENT_SECRET
      ? {
          oidc: Object.freeze({
            issuer: e.SPENDSYNC_OIDC_ISSUER,
            clientId: e.SPENDSYNC_OIDC_CLIENT_ID,
            clientSecret: e.SPENDSYNC_OIDC_CLIENT_SECRET,
            allowedDomains: Object.freeze(e.SPENDSYNC_OIDC_ALLOWED_DOMAINS),
            ...(e.SPENDSYNC_OIDC_ROLE_CLAIM === undefined ? {} : { roleClaim: e.SPENDSYNC_OIDC_ROLE_CLAIM }),
            ...(e.SPENDSYNC_OIDC_ORGANIZATION_ID === undefined
              ? {}
              : { organizationId: e.SPENDSYNC_OIDC_ORGANIZATION_ID }),
          }),
        }
      : {}),
    pubsub: e.SPENDSYNC_PUBSUB,
    ...(e.SPENDSYNC_REDIS_URL === undefined ? {} : { redisUrl: e.SPENDSYNC_REDIS_URL }),
  });
}
