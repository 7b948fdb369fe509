import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './config-error';
import { loadApiConfig, type ApiConfig } from './load';

const KEY = Buffer.alloc(32, 7).toString('base64');
const CWD = '/srv/spendsync';
const load = (env: Record<string, string | undefined>) => loadApiConfig({ INIT_CWD: CWD, ...env });

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('loadApiConfig', () => {
  it('returns the defaults for an empty environment', () => {
    expect(load({})).toEqual({
      nodeEnv: 'development',
      port: 4000,
      dataDir: path.join(CWD, '.spendsync'),
      syncSchedule: '0 * * * *',
      backfillDays: 90,
      logLevel: 'info',
      adminEmail: 'admin@spendsync.local',
      adminMustChangePassword: true,
      allowCustomEndpoints: false,
      corsOrigins: [],
      previousMasterKeys: [],
      trustedProxies: [],
      litellmAllowedHosts: [],
      statementTimeoutMs: 10000,
      publicUrl: 'http://localhost:4000',
      workerConcurrency: 2,
      workerPort: 4001,
      jobLeaseSeconds: 900,
      pubsub: 'postgres',
    });
  });

  it('returns a frozen object without databaseUrl or masterKey keys when they are unset', () => {
    const config = load({});
    expect(Object.isFrozen(config)).toBe(true);
    expect('databaseUrl' in config).toBe(false);
    expect('masterKey' in config).toBe(false);
  });

  it.each<[string, Record<string, string>, Partial<ApiConfig>]>([
    ['NODE_ENV', { NODE_ENV: 'test' }, { nodeEnv: 'test' }],
    [
      'NODE_ENV production with a key',
      { NODE_ENV: 'production', SPENDSYNC_MASTER_KEY: KEY },
      { nodeEnv: 'production' },
    ],
    ['PORT', { PORT: '8080' }, { port: 8080 }],
    ['PORT 0', { PORT: '0' }, { port: 0 }],
    ['PORT 65535', { PORT: '65535' }, { port: 65535 }],
    ['SPENDSYNC_DATA_DIR relative', { SPENDSYNC_DATA_DIR: 'state' }, { dataDir: path.join(CWD, 'state') }],
    ['SPENDSYNC_DATA_DIR absolute', { SPENDSYNC_DATA_DIR: '/var/lib/spendsync' }, { dataDir: '/var/lib/spendsync' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://u:p@db:5432/s' }, { databaseUrl: 'postgres://u:p@db:5432/s' }],
    ['DATABASE_URL postgresql://', { DATABASE_URL: 'postgresql://db/s' }, { databaseUrl: 'postgresql://db/s' }],
    ['SPENDSYNC_MASTER_KEY', { SPENDSYNC_MASTER_KEY: KEY }, { masterKey: Buffer.alloc(32, 7) }],
    ['SPENDSYNC_MASTER_KEY with a newline', { SPENDSYNC_MASTER_KEY: `${KEY}\n` }, { masterKey: Buffer.alloc(32, 7) }],
    ['SPENDSYNC_SYNC_SCHEDULE', { SPENDSYNC_SYNC_SCHEDULE: '*/15 * * * *' }, { syncSchedule: '*/15 * * * *' }],
    [
      'SPENDSYNC_SYNC_SCHEDULE with seconds',
      { SPENDSYNC_SYNC_SCHEDULE: '0 30 2 * * *' },
      { syncSchedule: '0 30 2 * * *' },
    ],
    ['SPENDSYNC_BACKFILL_DAYS', { SPENDSYNC_BACKFILL_DAYS: '365' }, { backfillDays: 365 }],
    ['LOG_LEVEL', { LOG_LEVEL: 'debug' }, { logLevel: 'debug' }],
    ['LOG_LEVEL silent', { LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
    [
      'SPENDSYNC_ADMIN_EMAIL (lower-cased)',
      { SPENDSYNC_ADMIN_EMAIL: 'Ops@Example.com' },
      { adminEmail: 'ops@example.com' },
    ],
    [
      'SPENDSYNC_ADMIN_PASSWORD',
      { SPENDSYNC_ADMIN_PASSWORD: 'correct horse battery' },
      { adminPassword: 'correct horse battery' },
    ],
    ['SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS', { SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS: 'true' }, { allowCustomEndpoints: true }],
    [
      'SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD',
      { SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: 'false' },
      { adminMustChangePassword: false },
    ],
    [
      'SPENDSYNC_MASTER_KEY_PREVIOUS',
      { SPENDSYNC_MASTER_KEY_PREVIOUS: `${KEY}, ${Buffer.alloc(32, 8).toString('base64')}` },
      { previousMasterKeys: [Buffer.alloc(32, 7), Buffer.alloc(32, 8)] },
    ],
    [
      'SPENDSYNC_CORS_ORIGINS',
      { SPENDSYNC_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/,https://app.example.com' },
      { corsOrigins: ['https://app.example.com', 'http://localhost:5173'] },
    ],
    [
      'SPENDSYNC_MASTER_KEY_FILE (relative to the start dir)',
      { SPENDSYNC_MASTER_KEY_FILE: 'secrets/key' },
      { masterKeyFile: path.join(CWD, 'secrets/key') },
    ],
    [
      'SPENDSYNC_TRUSTED_PROXIES',
      { SPENDSYNC_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' },
      {
        trustedProxies: ['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback'],
      },
    ],
    ['SPENDSYNC_STATEMENT_TIMEOUT_MS', { SPENDSYNC_STATEMENT_TIMEOUT_MS: '0' }, { statementTimeoutMs: 0 }],
    [
      'SPENDSYNC_LITELLM_ALLOWED_HOSTS',
      { SPENDSYNC_LITELLM_ALLOWED_HOSTS: 'LiteLLM.internal, 10.0.0.0/8,127.0.0.1,::1' },
      {
        litellmAllowedHosts: ['litellm.internal', '10.0.0.0/8', '127.0.0.1', '::1'],
      },
    ],
    [
      'SPENDSYNC_METRICS_TOKEN',
      { SPENDSYNC_METRICS_TOKEN: ' 0123456789abcdef0123 ' },
      { metricsToken: '0123456789abcdef0123' },
    ],
    [
      'SPENDSYNC_SMTP_URL and SPENDSYNC_SMTP_FROM',
      { SPENDSYNC_SMTP_URL: 'smtps://u:p@mail.example.com:465', SPENDSYNC_SMTP_FROM: 'alerts@example.com' },
      { smtpUrl: 'smtps://u:p@mail.example.com:465', smtpFrom: 'alerts@example.com' },
    ],
    [
      'SPENDSYNC_PUBLIC_URL (trailing slash dropped)',
      { SPENDSYNC_PUBLIC_URL: 'https://spend.example.com/' },
      { publicUrl: 'https://spend.example.com' },
    ],
    ['PORT into the default public URL', { PORT: '8080' }, { publicUrl: 'http://localhost:8080' }],
    ['SPENDSYNC_WORKER_CONCURRENCY', { SPENDSYNC_WORKER_CONCURRENCY: '8' }, { workerConcurrency: 8 }],
    ['SPENDSYNC_WORKER_PORT', { SPENDSYNC_WORKER_PORT: '0' }, { workerPort: 0 }],
    ['SPENDSYNC_JOB_LEASE_SECONDS', { SPENDSYNC_JOB_LEASE_SECONDS: '60' }, { jobLeaseSeconds: 60 }],
    [
      'SPENDSYNC_PUBSUB=redis and SPENDSYNC_REDIS_URL',
      { SPENDSYNC_PUBSUB: 'redis', SPENDSYNC_REDIS_URL: ' redis://:pw@redis.internal:6380/2 ' },
      { pubsub: 'redis', redisUrl: 'redis://:pw@redis.internal:6380/2' },
    ],
    ['SPENDSYNC_PUBSUB=postgres', { SPENDSYNC_PUBSUB: 'postgres' }, { pubsub: 'postgres' }],
    ['SPENDSYNC_REDIS_URL rediss://', { SPENDSYNC_REDIS_URL: 'rediss://cache.example.com' }, { pubsub: 'postgres' }],
  ])('reads %s', (_name, env, expected) => {
    expect(load(env)).toMatchObject(expected);
  });

  it.each<[string, Record<string, string>]>([
    ['NODE_ENV', { NODE_ENV: 'prod' }],
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/s' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['SPENDSYNC_MASTER_KEY', { SPENDSYNC_MASTER_KEY: Buffer.alloc(16).toString('base64') }],
    ['SPENDSYNC_MASTER_KEY', { SPENDSYNC_MASTER_KEY: Buffer.alloc(33).toString('base64') }],
    ['SPENDSYNC_MASTER_KEY', { SPENDSYNC_MASTER_KEY: 'x'.repeat(44) }],
    ['SPENDSYNC_MASTER_KEY', { NODE_ENV: 'production' }],
    ['SPENDSYNC_MASTER_KEY_PREVIOUS', { SPENDSYNC_MASTER_KEY_PREVIOUS: `${KEY},not-a-key` }],
    ['SPENDSYNC_CORS_ORIGINS', { SPENDSYNC_CORS_ORIGINS: 'app.example.com' }],
    ['SPENDSYNC_CORS_ORIGINS', { SPENDSYNC_CORS_ORIGINS: 'https://app.example.com/path' }],
    ['SPENDSYNC_CORS_ORIGINS', { SPENDSYNC_CORS_ORIGINS: '*' }],
    ['SPENDSYNC_CORS_ORIGINS', { SPENDSYNC_CORS_ORIGINS: 'ftp://files.example.com' }],
    ['SPENDSYNC_SYNC_SCHEDULE', { SPENDSYNC_SYNC_SCHEDULE: '61 * * * *' }],
    ['SPENDSYNC_SYNC_SCHEDULE', { SPENDSYNC_SYNC_SCHEDULE: 'hourly' }],
    ['SPENDSYNC_SYNC_SCHEDULE', { SPENDSYNC_SYNC_SCHEDULE: '0 * * *' }],
    ['SPENDSYNC_BACKFILL_DAYS', { SPENDSYNC_BACKFILL_DAYS: '0' }],
    ['SPENDSYNC_BACKFILL_DAYS', { SPENDSYNC_BACKFILL_DAYS: '3661' }],
    ['SPENDSYNC_BACKFILL_DAYS', { SPENDSYNC_BACKFILL_DAYS: 'ninety' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['SPENDSYNC_ADMIN_EMAIL', { SPENDSYNC_ADMIN_EMAIL: 'admin' }],
    ['SPENDSYNC_ADMIN_PASSWORD', { SPENDSYNC_ADMIN_PASSWORD: 'short' }],
    ['SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS', { SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS: 'yes' }],
    ['SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD', { SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: 'no' }],
    ['SPENDSYNC_TRUSTED_PROXIES', { SPENDSYNC_TRUSTED_PROXIES: 'gateway.internal' }],
    ['SPENDSYNC_TRUSTED_PROXIES', { SPENDSYNC_TRUSTED_PROXIES: '10.0.0.0/33' }],
    ['SPENDSYNC_TRUSTED_PROXIES', { SPENDSYNC_TRUSTED_PROXIES: '10.0.0.1,300.0.0.1' }],
    ['SPENDSYNC_TRUSTED_PROXIES', { SPENDSYNC_TRUSTED_PROXIES: '::1/129' }],
    ['SPENDSYNC_TRUSTED_PROXIES', { SPENDSYNC_TRUSTED_PROXIES: '10.0.0.0/8/8' }],
    ['SPENDSYNC_STATEMENT_TIMEOUT_MS', { SPENDSYNC_STATEMENT_TIMEOUT_MS: '-1' }],
    ['SPENDSYNC_WORKER_CONCURRENCY', { SPENDSYNC_WORKER_CONCURRENCY: '0' }],
    ['SPENDSYNC_WORKER_CONCURRENCY', { SPENDSYNC_WORKER_CONCURRENCY: 'two' }],
    ['SPENDSYNC_WORKER_PORT', { SPENDSYNC_WORKER_PORT: '65536' }],
    ['SPENDSYNC_JOB_LEASE_SECONDS', { SPENDSYNC_JOB_LEASE_SECONDS: '4' }],
    ['SPENDSYNC_JOB_LEASE_SECONDS', { SPENDSYNC_JOB_LEASE_SECONDS: '1.5' }],
    ['SPENDSYNC_STATEMENT_TIMEOUT_MS', { SPENDSYNC_STATEMENT_TIMEOUT_MS: '30s' }],
    ['SPENDSYNC_LITELLM_ALLOWED_HOSTS', { SPENDSYNC_LITELLM_ALLOWED_HOSTS: 'http://litellm.internal' }],
    ['SPENDSYNC_LITELLM_ALLOWED_HOSTS', { SPENDSYNC_LITELLM_ALLOWED_HOSTS: '10.0.0.0/33' }],
    ['SPENDSYNC_LITELLM_ALLOWED_HOSTS', { SPENDSYNC_LITELLM_ALLOWED_HOSTS: 'loopback' }],
    ['SPENDSYNC_LITELLM_ALLOWED_HOSTS', { SPENDSYNC_LITELLM_ALLOWED_HOSTS: 'litellm.internal:4000' }],
    ['SPENDSYNC_METRICS_TOKEN', { SPENDSYNC_METRICS_TOKEN: 'short-token' }],
    ['SPENDSYNC_SMTP_URL', { SPENDSYNC_SMTP_URL: 'http://mail.example.com', SPENDSYNC_SMTP_FROM: 'a@example.com' }],
    ['SPENDSYNC_SMTP_FROM', { SPENDSYNC_SMTP_URL: 'smtp://mail.example.com:25' }],
    ['SPENDSYNC_PUBLIC_URL', { SPENDSYNC_PUBLIC_URL: 'spend.example.com' }],
    ['SPENDSYNC_PUBSUB', { SPENDSYNC_PUBSUB: 'nats' }],
    ['SPENDSYNC_REDIS_URL', { SPENDSYNC_PUBSUB: 'redis' }],
    ['SPENDSYNC_REDIS_URL', { SPENDSYNC_PUBSUB: 'redis', SPENDSYNC_REDIS_URL: 'http://redis.internal:6379' }],
    ['SPENDSYNC_REDIS_URL', { SPENDSYNC_REDIS_URL: 'redis.internal:6379' }],
    ['SPENDSYNC_REDIS_URL', { SPENDSYNC_REDIS_URL: 'redis://redis.internal:6379/cache' }],
  ])('rejects a bad %s (%j)', (variable, env) => {
    expect(problemsOf(env)).toEqual([variable]);
  });

  it.each([
    'DATABASE_URL',
    'SPENDSYNC_MASTER_KEY',
    'PORT',
    'LOG_LEVEL',
    'SPENDSYNC_DATA_DIR',
    'SPENDSYNC_TRUSTED_PROXIES',
    'SPENDSYNC_METRICS_TOKEN',
  ])('treats an empty or blank %s as unset', (variable) => {
    expect(load({ [variable]: '' })).toEqual(load({}));
    expect(load({ [variable]: '  ' })).toEqual(load({}));
  });

  it('rejects a production environment without a master key and says how to make one', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(
      /SPENDSYNC_MASTER_KEY \(or SPENDSYNC_MASTER_KEY_FILE\) is required when NODE_ENV=production; it must be 32 random bytes in base64 \(generate one with `openssl rand -base64 32`\)/,
    );
  });

  it('names every bad variable, and what it should be, in one message', () => {
    const env = {
      NODE_ENV: 'production',
      PORT: 'http',
      DATABASE_URL: 'mysql://x',
      SPENDSYNC_SYNC_SCHEDULE: 'daily',
      SPENDSYNC_BACKFILL_DAYS: '-3',
      LOG_LEVEL: 'loud',
    };
    let message = '';
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toBe(
      [
        'Invalid configuration (6 problems):',
        '  - PORT must be an integer from 0 to 65535 (default 4000; 0 picks a free port)',
        '  - DATABASE_URL must be a postgres:// or postgresql:// connection URL, or unset to use the embedded database',
        '  - SPENDSYNC_SYNC_SCHEDULE must be a cron expression such as "0 * * * *" (hourly, the default) or "*/15 * * * *"',
        '  - SPENDSYNC_BACKFILL_DAYS must be a whole number of days from 1 to 3660 (default 90)',
        '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (default info)',
        '  - SPENDSYNC_MASTER_KEY (or SPENDSYNC_MASTER_KEY_FILE) is required when NODE_ENV=production; it must be 32 random bytes in base64 (generate one with `openssl rand -base64 32`)',
      ].join('\n'),
    );
  });

  it('never repeats a bad secret in the error', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
    expect(() => load({ SPENDSYNC_MASTER_KEY: secret, DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(ConfigError);
    try {
      load({ SPENDSYNC_MASTER_KEY: secret, DATABASE_URL: 'mysql://user:hunter2@db' });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it.each<[string, Record<string, string>, string]>([
    ['the directory turbo was started from', { TURBO_INVOCATION_DIR: '/repo', INIT_CWD: '/repo/apps/api' }, '/repo/x'],
    ['the directory pnpm was started from', { INIT_CWD: '/repo/apps/api' }, '/repo/apps/api/x'],
    ['the working directory', {}, path.resolve(process.cwd(), 'x')],
  ])('resolves a relative data dir against %s', (_name, env, expected) => {
    expect(loadApiConfig({ SPENDSYNC_DATA_DIR: 'x', ...env }).dataDir).toBe(expected);
  });
  it('returns single sign-on settings with domain rules, and none without an issuer', () => {
    expect(load({}).oidc).toBeUndefined();
    const config = load({
      SPENDSYNC_OIDC_ISSUER: 'https://id.example.com',
      SPENDSYNC_OIDC_CLIENT_ID: 'spendsync',
      SPENDSYNC_OIDC_CLIENT_SECRET: 's3cret',
      SPENDSYNC_OIDC_ALLOWED_DOMAINS: 'Example.com=admin, partner.example.org',
      SPENDSYNC_OIDC_ROLE_CLAIM: 'spendsync_role',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://id.example.com',
      clientId: 'spendsync',
      clientSecret: 's3cret',
      allowedDomains: [
        { domain: 'example.com', role: 'admin' },
        { domain: 'partner.example.org', role: 'viewer' },
      ],
      roleClaim: 'spendsync_role',
    });
  });

  it('rejects an issuer without its client, and a bad domain rule', () => {
    expect(() => load({ SPENDSYNC_OIDC_ISSUER: 'https://id.example.com' })).toThrow(
      /SPENDSYNC_OIDC_CLIENT_ID is required with SPENDSYNC_OIDC_ISSUER/,
    );
    expect(() => load({ SPENDSYNC_OIDC_ALLOWED_DOMAINS: 'example.com=owner' })).toThrow(
      /SPENDSYNC_OIDC_ALLOWED_DOMAINS must be a comma-separated list of email domains.*not valid: example.com=owner/,
    );
  });
});
