import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadApiConfig } from '@spendsync/config';
import { runServe } from './serve.command';
import { captureIo } from './testing';

describe('spendsync serve', () => {
  it('refuses --role api or worker without DATABASE_URL (the embedded database serves one process only)', async () => {
    for (const role of ['api', 'worker']) {
      const run = captureIo();
      let started = false;
      const loadConfig = () => {
        started = true;
        return loadApiConfig({ LOG_LEVEL: 'silent' });
      };
      const code = await runServe(['--role', role], run.io, { loadConfig });
      expect({ role, code, started }).toEqual({ role, code: 2, started: true });
      const said = `^error: --role ${role} needs DATABASE_URL: API and worker processes share one PostgreSQL`;
      expect(run.stderr()).toMatch(new RegExp(said));
    }
  });

  it('prints the configuration problem and exits 1 on a bad environment', async () => {
    const run = captureIo();
    const loadConfig = () => loadApiConfig({ SPENDSYNC_WORKER_CONCURRENCY: '0' });
    const code = await runServe(['--role', 'worker'], run.io, { loadConfig });
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/SPENDSYNC_WORKER_CONCURRENCY must be a whole number of accounts from 1 to 64/);
    expect(() => loadApiConfig({ SPENDSYNC_WORKER_CONCURRENCY: '0' })).toThrow(ConfigError);
  });
});
