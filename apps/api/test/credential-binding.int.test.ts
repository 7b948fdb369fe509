import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import {
  legacyCredentialContext,
  openCredentials,
} from '../src/features/provider-accounts/provider-account-credentials';
import { createProviderAccountSyncService } from '../src/features/provider-accounts/provider-account-sync.service';
import { rebindLegacyCredentials } from '../src/features/provider-accounts/rebind-credentials';
import { createLogger } from '../src/logger';
import { sealVersion1, TEST_CIPHER, TEST_MASTER_KEY } from './support/test-cipher';
import { createLinkedAccount } from './sync-harness';
import { openTestDataSource } from './test-data-source';

const logger = createLogger('silent');

describe('provider credentials are bound to their account (AES-GCM associated data)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const blobOf = async (id: string) =>
    (
      (await ds.query('SELECT credentials_encrypted FROM provider_accounts WHERE id = $1', [id])) as {
        credentials_encrypted: Buffer;
      }[]
    )[0]!.credentials_encrypted;
  const accountRow = (id: string) =>
    createProviderAccountSyncService(pgPoolOf(ds))
      .get(id)
      .then((a) => a!);

  it('a ciphertext copied into another account row of the same organization does not decrypt there', async () => {
    const a = await createLinkedAccount(ds, 'openai', { apiKey: 'sk-admin-account-a-secret' });
    const [{ id: bId }] = await ds.query(
      `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, 'openai', 'B', '\\x00', 'x') RETURNING id`,
      [a.organizationId],
    );
    await ds.query('UPDATE provider_accounts SET credentials_encrypted = $2 WHERE id = $1', [bId, await blobOf(a.id)]);
    expect(openCredentials(TEST_CIPHER, await accountRow(a.id))).toEqual({ apiKey: 'sk-admin-account-a-secret' });
    await expect(accountRow(bId).then((b) => openCredentials(TEST_CIPHER, b))).rejects.toThrow(
      /could not be decrypted/,
    );
  });

  it('re-binds credentials sealed to the organization only, once, and leaves unreadable ones alone', async () => {
    const [{ id: orgId }] = await ds.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [
      `legacy ${randomUUID()}`,
    ]);
    const insert = async (blob: Buffer) =>
      (
        (await ds.query(
          `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, 'anthropic', 'legacy', $2, 'x') RETURNING id`,
          [orgId, blob],
        )) as { id: string }[]
      )[0]!.id;
    const credentials = { adminKey: 'sk-ant-admin01-legacy-secret' };
    const legacyId = await insert(
      sealVersion1(TEST_MASTER_KEY, JSON.stringify(credentials), legacyCredentialContext(orgId)),
    );
    const otherKeyBlob = sealVersion1(Buffer.alloc(32, 9), JSON.stringify(credentials), legacyCredentialContext(orgId));
    const foreignId = await insert(otherKeyBlob);

    await expect(accountRow(legacyId).then((row) => openCredentials(TEST_CIPHER, row))).rejects.toThrow(
      /could not be decrypted/,
    );
    const first = await rebindLegacyCredentials(pgPoolOf(ds), TEST_CIPHER, logger);
    expect(first.rebound).toBeGreaterThanOrEqual(1);
    expect(first.unreadable).toBeGreaterThanOrEqual(1);
    expect(openCredentials(TEST_CIPHER, await accountRow(legacyId))).toEqual(credentials);
    await expect(
      blobOf(legacyId).then((blob) => TEST_CIPHER.decrypt(blob, legacyCredentialContext(orgId))),
    ).rejects.toThrow(/could not be decrypted/);
    expect((await blobOf(foreignId)).equals(otherKeyBlob)).toBe(true);

    const second = await rebindLegacyCredentials(pgPoolOf(ds), TEST_CIPHER, logger);
    expect(second.rebound).toBe(0);
  });
});
