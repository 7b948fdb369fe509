import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from './config-error';
import { loadApiConfig } from './load';
import {
  installMasterKey,
  MASTER_KEY_FILE,
  previousKeysFile,
  reloadMasterKeyring,
  resolveMasterKey,
  resolveMasterKeyring,
} from './master-key';

function recordingLogger() {
  const warnings: { details: object; message: string }[] = [];
  return { warnings, logger: { warn: (details: object, message: string) => warnings.push({ details, message }) } };
}

describe('resolveMasterKey', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'spendsync-key-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const configFor = (env: Record<string, string> = {}) =>
    loadApiConfig({ SPENDSYNC_DATA_DIR: path.join(root, 'data'), ...env });

  it('returns the configured key and writes nothing', async () => {
    const key = Buffer.alloc(32, 1);
    const { logger, warnings } = recordingLogger();
    const config = configFor({ SPENDSYNC_MASTER_KEY: key.toString('base64') });
    await expect(resolveMasterKey(config, { logger })).resolves.toEqual(key);
    await expect(stat(path.join(config.dataDir, MASTER_KEY_FILE))).rejects.toThrow(/ENOENT/);
    expect(warnings).toEqual([]);
  });

  it('generates a 32-byte key once into <dataDir>/master.key with mode 0600 and warns', async () => {
    const { logger, warnings } = recordingLogger();
    const config = configFor();
    const key = await resolveMasterKey(config, { logger });
    const file = path.join(config.dataDir, MASTER_KEY_FILE);
    expect(key).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toEqual(key);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/generated a master key/);
    expect(JSON.stringify(warnings)).not.toContain(key.toString('base64'));
  });

  it('reuses the generated key on the next start without warning again', async () => {
    const first = await resolveMasterKey(configFor(), recordingLogger());
    const { logger, warnings } = recordingLogger();
    await expect(resolveMasterKey(configFor(), { logger })).resolves.toEqual(first);
    expect(warnings).toEqual([]);
  });

  it('gives two processes starting at once the same key', async () => {
    const [a, b] = await Promise.all([
      resolveMasterKey(configFor(), recordingLogger()),
      resolveMasterKey(configFor(), recordingLogger()),
    ]);
    expect(a).toEqual(b);
  });

  it('rejects a damaged key file without printing its content', async () => {
    const config = configFor();
    await resolveMasterKey(config, recordingLogger());
    await writeFile(path.join(config.dataDir, MASTER_KEY_FILE), 'not-a-key-but-secret');
    const attempt = resolveMasterKey(config, recordingLogger());
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/master\.key is not a usable key/);
    await expect(attempt).rejects.not.toThrow(/not-a-key-but-secret/);
  });

  it('warns when the key file is readable by other users', async () => {
    const config = configFor();
    const file = path.join(config.dataDir, MASTER_KEY_FILE);
    await resolveMasterKey(config, recordingLogger());
    await writeFile(file, `${Buffer.alloc(32, 2).toString('base64')}\n`, { mode: 0o644 });
    await chmod(file, 0o644);
    const { logger, warnings } = recordingLogger();
    await expect(resolveMasterKey(config, { logger })).resolves.toEqual(Buffer.alloc(32, 2));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/chmod 600/)]);
  });

  it('refuses to generate a key in production', async () => {
    const config = { ...configFor(), nodeEnv: 'production' as const };
    await expect(resolveMasterKey(config, recordingLogger())).rejects.toThrow(
      /SPENDSYNC_MASTER_KEY \(or SPENDSYNC_MASTER_KEY_FILE\) is required when NODE_ENV=production/,
    );
  });

  describe('SPENDSYNC_MASTER_KEY_FILE', () => {
    const KEY = Buffer.alloc(32, 7);
    const keyFile = async (mode: number) => {
      const file = path.join(root, 'secret.key');
      await writeFile(file, `${KEY.toString('base64')}\n`, { mode });
      await chmod(file, mode);
      return file;
    };

    it('reads an owner-only key file in production and generates nothing', async () => {
      const file = await keyFile(0o600);
      const config = configFor({ NODE_ENV: 'production', SPENDSYNC_MASTER_KEY_FILE: file });
      await expect(resolveMasterKey(config, recordingLogger())).resolves.toEqual(KEY);
      await expect(stat(path.join(config.dataDir, MASTER_KEY_FILE))).rejects.toThrow(/ENOENT/);
    });

    it('refuses a key file other users can read in production, naming the fix and never the key', async () => {
      const file = await keyFile(0o644);
      const attempt = resolveMasterKey(
        configFor({ NODE_ENV: 'production', SPENDSYNC_MASTER_KEY_FILE: file }),
        recordingLogger(),
      );
      await expect(attempt).rejects.toThrow(ConfigError);
      await expect(attempt).rejects.toThrow(/can be read by other users \(mode 644\); run chmod 600/);
      await expect(attempt).rejects.not.toThrow(KEY.toString('base64'));
    });

    it('only warns about the same file outside production', async () => {
      const file = await keyFile(0o640);
      const { logger, warnings } = recordingLogger();
      await expect(resolveMasterKey(configFor({ SPENDSYNC_MASTER_KEY_FILE: file }), { logger })).resolves.toEqual(KEY);
      expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/chmod 600/)]);
    });

    it('says which file is missing', async () => {
      const missing = path.join(root, 'nope.key');
      await expect(
        resolveMasterKey(configFor({ SPENDSYNC_MASTER_KEY_FILE: missing }), recordingLogger()),
      ).rejects.toThrow(/nope\.key cannot be read \(ENOENT\)/);
    });

    it('lets production start with only the file configured', () => {
      expect(() =>
        loadApiConfig({ NODE_ENV: 'production', SPENDSYNC_MASTER_KEY_FILE: '/run/secrets/key' }),
      ).not.toThrow();
    });
  });

  describe('keyrings (rotation)', () => {
    const OLD = Buffer.alloc(32, 1);
    const NEW = Buffer.alloc(32, 2);
    const ENV_PREVIOUS = Buffer.alloc(32, 3);

    it('holds the key file, its .previous keys and SPENDSYNC_MASTER_KEY_PREVIOUS; installing a key keeps the old one readable', async () => {
      const file = path.join(root, 'master.key');
      await writeFile(file, `${OLD.toString('base64')}\n`, { mode: 0o600 });
      const config = configFor({
        SPENDSYNC_MASTER_KEY_FILE: file,
        SPENDSYNC_MASTER_KEY_PREVIOUS: ENV_PREVIOUS.toString('base64'),
      });
      await expect(resolveMasterKeyring(config, recordingLogger())).resolves.toEqual({
        current: OLD,
        previous: [ENV_PREVIOUS],
        file,
      });

      await installMasterKey(file, NEW, OLD);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(previousKeysFile(file))).mode & 0o777).toBe(0o600);
      await expect(resolveMasterKeyring(config, recordingLogger())).resolves.toEqual({
        current: NEW,
        previous: [ENV_PREVIOUS, OLD],
        file,
      });
      expect(reloadMasterKeyring(file)).toEqual({ current: NEW, previous: [OLD], file });
    });

    it('has no file for a key from the environment, and reloads nothing from a missing file', async () => {
      const ring = await resolveMasterKeyring(
        configFor({ SPENDSYNC_MASTER_KEY: OLD.toString('base64') }),
        recordingLogger(),
      );
      expect(ring).toEqual({ current: OLD, previous: [] });
      expect(reloadMasterKeyring(path.join(root, 'missing.key'))).toBeUndefined();
    });
  });
});
