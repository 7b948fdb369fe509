import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './config-error';
import { loadToolingConfig } from './tooling';

describe('loadToolingConfig', () => {
  it('defaults the API target and Chromium, and leaves the database unset', () => {
    expect(loadToolingConfig({ PATH: '/usr/bin', HOME: '/root', API_TARGET: '' })).toEqual({
      apiTarget: 'http://127.0.0.1:4000',
      chromiumPath: '/usr/bin/chromium',
      inherited: { PATH: '/usr/bin', HOME: '/root' },
    });
  });

  it('reads what is set', () => {
    const config = loadToolingConfig({
      API_TARGET: 'https://api.example.test',
      CHROMIUM_PATH: '/opt/chromium/chrome',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    expect(config).toMatchObject({
      apiTarget: 'https://api.example.test',
      chromiumPath: '/opt/chromium/chrome',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
  });

  it('reports every invalid variable at once, saying what to set', () => {
    let error: unknown;
    try {
      loadToolingConfig({ API_TARGET: 'ftp://nowhere', DATABASE_URL: 'mysql://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['API_TARGET', 'DATABASE_URL']);
    expect((error as ConfigError).message).toMatch(/http:\/\/ or https:\/\/ URL/);
  });
});
