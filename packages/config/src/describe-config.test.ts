import { describe, expect, it } from '@jest/globals';
import { describeConfig } from './describe-config';
import { loadApiConfig } from './load';

describe('describeConfig', () => {
  it('hides the database password and the master key', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const summary = describeConfig(
      loadApiConfig({ DATABASE_URL: 'postgres://app:hunter2@db:5432/spendsync', SPENDSYNC_MASTER_KEY: key }),
    );
    expect(summary).toMatchObject({
      database: 'postgres://app:***@db:5432/spendsync',
      masterKeySource: 'SPENDSYNC_MASTER_KEY',
    });
    expect(JSON.stringify(summary)).not.toMatch(/hunter2|OQkJ/);
  });

  it('masks the SMTP password and says when email is not configured', () => {
    const summary = describeConfig(
      loadApiConfig({
        SPENDSYNC_SMTP_URL: 'smtps://alerts:s3cr3t@mail.example.com:465',
        SPENDSYNC_SMTP_FROM: 'a@example.com',
      }),
    );
    expect(summary).toMatchObject({ smtp: 'smtps://alerts:***@mail.example.com:465', smtpFrom: 'a@example.com' });
    expect(JSON.stringify(summary)).not.toContain('s3cr3t');
    expect(describeConfig(loadApiConfig({}))).toMatchObject({ smtp: 'not configured' });
  });

  it('masks the Redis password and says when Redis is not used', () => {
    const summary = describeConfig(
      loadApiConfig({ SPENDSYNC_PUBSUB: 'redis', SPENDSYNC_REDIS_URL: 'redis://:r3dispw@redis.internal:6379/0' }),
    );
    expect(summary).toMatchObject({ pubsub: 'redis', redis: 'redis://:***@redis.internal:6379/0' });
    expect(JSON.stringify(summary)).not.toContain('r3dispw');
    expect(describeConfig(loadApiConfig({}))).toMatchObject({ pubsub: 'postgres', redis: 'not used' });
  });

  it('leaves out the first admin password', () => {
    const summary = describeConfig(loadApiConfig({ SPENDSYNC_ADMIN_PASSWORD: 'correct horse battery' }));
    expect(JSON.stringify(summary)).not.toContain('correct horse battery');
    expect(summary).toMatchObject({ adminEmail: 'admin@spendsync.local' });
  });

  it('leaves out the metrics token and says whether one is required', () => {
    const summary = describeConfig(loadApiConfig({ SPENDSYNC_METRICS_TOKEN: 'scrape-secret-0123456789' }));
    expect(JSON.stringify(summary)).not.toContain('scrape-secret');
    expect(summary).toMatchObject({ metrics: 'token' });
    expect(describeConfig(loadApiConfig({}))).toMatchObject({ metrics: 'open' });
  });

  it('says when the embedded database and a generated key are in use', () => {
    expect(describeConfig(loadApiConfig({}))).toMatchObject({
      database: 'embedded',
      masterKeySource: 'data dir',
      port: 4000,
    });
  });
});
