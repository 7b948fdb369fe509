import { randomUUID } from 'node:crypto';
import { Money, ZERO, type CostRecord, type ProviderId } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { ApiKey } from '../src/features/api-keys/api-key.entity';
import { Organization } from '../src/features/organizations/organization.entity';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { Workspace } from '../src/features/workspaces/workspace.entity';

/** "Today" for every dashboard test: last_7_days is [2025-06-04, 2025-06-11), the period before [2025-05-28, 2025-06-04). */
export const TODAY = '2025-06-11';

const m = (text: string) => new Money(text);

/** A record with no tokens, requests or key: a base for unit, fee and credit rows. */
const bare = (overrides: Partial<CostRecord>): CostRecord =>
  buildCostRecord({
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    requests: null,
    apiKeyId: null,
    apiKeyHint: null,
    apiKeyName: null,
    ...overrides,
  });

/** Writes records through the replace-partition writer, one call per account covering all their days. */
async function writeRecords(ds: DataSource, account: ProviderAccount, records: CostRecord[]): Promise<void> {
  const days = [...new Set(records.map((r) => r.day))];
  await replacePartition(ds, {
    organizationId: account.organizationId,
    providerAccountId: account.id,
    provider: account.provider,
    days,
    records,
  });
}

/** A provider account of the organization (placeholder credentials), with `extra` fields. */
export async function addAccount(
  ds: DataSource,
  organizationId: string,
  provider: ProviderId,
  label: string,
  extra: Partial<ProviderAccount> = {},
) {
  return ds.getRepository(ProviderAccount).save({
    organizationId,
    provider,
    label,
    credentialsEncrypted: Buffer.from('x'),
    keyHint: 'sk-…1234',
    ...extra,
  });
}

/** The seeded organization's ids, for assertions. */
export type SeededOrganization = Awaited<ReturnType<typeof seedOrganizationA>>;

/**
 * Organization A: OpenAI (tokens with requests, images), Anthropic (no request counts), Runway
 * (credits unit, no workspaces). OpenAI "Web app" and Anthropic "Frontend" are mapped to "Web".
 * Every figure the tests expect is worked out by hand from the rows below.
 */
export async function seedOrganizationA(ds: DataSource) {
  const org = await ds.getRepository(Organization).save({ name: `A ${randomUUID()}` });
  const openai = await addAccount(ds, org.id, 'openai', 'OpenAI main', {
    status: 'active',
    lastSyncedAt: new Date('2025-06-11T03:00:00Z'),
    dataCompleteThrough: '2025-06-10',
  });
  const anthropic = await addAccount(ds, org.id, 'anthropic', 'Anthropic', {
    status: 'error',
    lastError: 'The Admin key was revoked; link a new one.',
  });
  const runway = await addAccount(ds, org.id, 'runway', 'Runway', { status: 'disconnected' });
  const ws = ds.getRepository(Workspace);
  const projWeb = await ws.save({
    organizationId: org.id,
    providerAccountId: openai.id,
    externalId: 'proj_web',
    providerName: 'Web app',
    displayName: 'Web',
  });
  const projResearch = await ws.save({
    organizationId: org.id,
    providerAccountId: openai.id,
    externalId: 'proj_research',
    providerName: 'Research',
    displayName: null,
  });
  await ws.save({
    organizationId: org.id,
    providerAccountId: anthropic.id,
    externalId: 'wrk_web',
    providerName: 'Frontend',
    displayName: 'Web',
  });
  await ws.save({
    organizationId: org.id,
    providerAccountId: anthropic.id,
    externalId: 'wrk_ml',
    providerName: 'ML',
    displayName: null,
  });
  const keys = ds.getRepository(ApiKey);
  const key = (
    account: ProviderAccount,
    externalId: string,
    hint: string,
    name: string,
    workspaceExternalId: string,
    lastUsedAt: Date | null = null,
  ) =>
    keys.save({
      organizationId: org.id,
      providerAccountId: account.id,
      externalId,
      hint,
      name,
      workspaceExternalId,
      status: 'active',
      lastUsedAt,
    });
  const keyA = await key(openai, 'key_a', 'sk-proj-Aa1...aaaa', 'backend', 'proj_web');
  const keyB = await key(openai, 'key_b', 'sk-proj-Bb2...bbbb', 'batch', 'proj_research');
  // The provider says the idle key was used on June 9, a day with no billed usage.
  const keyIdle = await key(
    openai,
    'key_idle',
    'sk-proj-Cc3...cccc',
    'old',
    'proj_research',
    new Date('2025-06-09T10:00:00Z'),
  );
  await key(anthropic, 'akey_1', 'sk-ant-api03-Dd4...dddd', 'claude-app', 'wrk_web');
  await key(anthropic, 'akey_idle', 'sk-ant-api03-Ee5...eeee', 'unused', 'wrk_ml');

  const web = {
    workspaceId: 'proj_web',
    workspaceName: 'Web app',
    apiKeyId: 'key_a',
    apiKeyHint: 'sk-proj-Aa1...aaaa',
    apiKeyName: 'backend',
  };
  const research = {
    workspaceId: 'proj_research',
    workspaceName: 'Research',
    apiKeyId: 'key_b',
    apiKeyHint: 'sk-proj-Bb2...bbbb',
    apiKeyName: 'batch',
  };
  const image = {
    model: 'gpt-image-1',
    chargeKind: 'image' as const,
    unit: 'images',
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
  };
  await writeRecords(ds, openai, [
    buildCostRecord({
      ...web,
      day: '2025-06-05',
      model: 'gpt-4o',
      cost: m('1.25'),
      creditsApplied: m('0.25'),
      inputTokens: 400_000,
      outputTokens: 100_000,
      cachedInputTokens: 50_000,
      requests: 100,
    }),
    buildCostRecord({
      ...web,
      day: '2025-06-06',
      model: 'gpt-4o',
      cost: m('0.75'),
      inputTokens: 200_000,
      outputTokens: 50_000,
      cachedInputTokens: 0,
      requests: 50,
    }),
    buildCostRecord({
      ...research,
      day: '2025-06-05',
      model: 'gpt-4o-mini',
      cost: m('0.30'),
      inputTokens: 1_000_000,
      outputTokens: 500_000,
      cachedInputTokens: 0,
      requests: 300,
    }),
    buildCostRecord({
      ...research,
      ...image,
      day: '2025-06-05',
      cost: m('0.48'),
      quantity: m('12'),
      requests: 4,
      mix: { size: { '1024x1024': 10, '512x512': 2 }, source: { 'image.generation': 10, 'image.edit': 2 } },
    }),
    buildCostRecord({
      ...research,
      ...image,
      day: '2025-06-06',
      cost: m('0.12'),
      quantity: m('3'),
      requests: 1,
      mix: { size: { '1024x1024': 3 }, source: { 'image.generation': 3 } },
    }),
    buildCostRecord({
      ...web,
      day: '2025-06-01',
      model: 'gpt-4o',
      cost: m('1.00'),
      inputTokens: 400_000,
      outputTokens: 100_000,
      requests: 80,
    }),
    buildCostRecord({ ...research, day: '2025-06-01', model: 'gpt-4o-mini', cost: m('0.50'), requests: 200 }),
    // outside both periods: today (still arriving) and before the previous period
    buildCostRecord({ ...web, day: '2025-06-11', model: 'gpt-4o', cost: m('7.77'), requests: 1 }),
    buildCostRecord({ ...web, day: '2025-05-27', model: 'gpt-4o', cost: m('8.88'), requests: 1 }),
  ]);
  const claude = { provider: 'anthropic' as const, requests: null };
  await writeRecords(ds, anthropic, [
    buildCostRecord({
      ...claude,
      day: '2025-06-05',
      workspaceId: 'wrk_web',
      workspaceName: 'Frontend',
      apiKeyId: 'akey_1',
      apiKeyHint: 'sk-ant-api03-Dd4...dddd',
      apiKeyName: 'claude-app',
      model: 'claude-sonnet-4',
      cost: m('3.00'),
      creditsApplied: m('1.00'),
      inputTokens: 800_000,
      outputTokens: 200_000,
      cachedInputTokens: 0,
    }),
    buildCostRecord({
      ...claude,
      day: '2025-06-06',
      workspaceId: 'wrk_ml',
      workspaceName: 'ML',
      apiKeyId: null,
      apiKeyHint: null,
      apiKeyName: null,
      model: 'claude-haiku',
      cost: m('0.0004'),
      inputTokens: 1_000,
      outputTokens: 600,
      cachedInputTokens: 0,
    }),
    buildCostRecord({
      ...claude,
      day: '2025-06-02',
      workspaceId: 'wrk_web',
      workspaceName: 'Frontend',
      apiKeyId: 'akey_1',
      apiKeyHint: 'sk-ant-api03-Dd4...dddd',
      apiKeyName: 'claude-app',
      model: 'claude-sonnet-4',
      cost: m('2.00'),
    }),
  ]);
  await writeRecords(ds, runway, [
    bare({
      provider: 'runway',
      day: '2025-06-05',
      workspaceId: null,
      workspaceName: null,
      model: 'gen4_turbo',
      unit: 'credits',
      quantity: m('250'),
      cost: m('2.50'),
      creditsApplied: ZERO,
    }),
    bare({
      provider: 'runway',
      day: '2025-06-06',
      workspaceId: null,
      workspaceName: null,
      model: 'gen3a_turbo',
      unit: 'credits',
      quantity: m('100'),
      cost: m('1.50'),
    }),
  ]);
  await insertMetered(ds, org.id, [
    ['openai', 'gpt-4o', 'sk-proj-Aa1...aaaa', keyA.id, '2025-06-05', '1.50'],
    ['openai', 'gpt-4o', 'sk-proj-Aa1...aaaa', keyA.id, '2025-06-01', '0.40'],
    ['anthropic', 'claude-sonnet-4', 'sk-ant-unknown...zzzz', null, '2025-06-05', '0.60'],
    ['openai', 'gpt-4o', null, null, '2025-06-06', null], // reported tokens only: no cost to add
  ]);
  return { org, openai, anthropic, runway, projWeb, projResearch, keyA, keyB, keyIdle };
}

type MeteredRow = [ProviderId, string, string | null, string | null, string, string | null];

async function insertMetered(ds: DataSource, organizationId: string, rows: MeteredRow[]): Promise<void> {
  for (const [provider, model, hint, keyId, day, cost] of rows) {
    await ds.query(
      `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, api_key_id, day, input_tokens, cost, source)
       VALUES ($1, $2, $3, $4, $5, $6, 1000, $7, 'test-sdk')`,
      [organizationId, provider, model, hint, keyId, day, cost],
    );
  }
}

/** Organization B: data that must never show up in A's dashboards, with look-alike names and hints. */
export async function seedOrganizationB(ds: DataSource) {
  const org = await ds.getRepository(Organization).save({ name: `B ${randomUUID()}` });
  const openai = await addAccount(ds, org.id, 'openai', 'OpenAI B');
  await ds.getRepository(Workspace).save({
    organizationId: org.id,
    providerAccountId: openai.id,
    externalId: 'proj_web',
    providerName: 'Web',
    displayName: 'Web',
  });
  await ds.getRepository(ApiKey).save({
    organizationId: org.id,
    providerAccountId: openai.id,
    externalId: 'key_a',
    hint: 'sk-proj-Aa1...aaaa',
    name: 'b-backend',
    workspaceExternalId: 'proj_web',
  });
  await writeRecords(ds, openai, [
    buildCostRecord({
      day: '2025-06-05',
      workspaceId: 'proj_web',
      workspaceName: 'Web',
      apiKeyId: 'key_a',
      apiKeyHint: 'sk-proj-Aa1...aaaa',
      model: 'gpt-4o',
      cost: m('999.99'),
      requests: 9,
    }),
  ]);
  await insertMetered(ds, org.id, [
    ['anthropic', 'claude-sonnet-4', 'sk-ant-api03-Dd4...dddd', null, '2025-06-05', '55.55'],
  ]);
  return { org, openai };
}

/** `value` with every decimal written out (`toFixed()`), so expectations compare exact text. */
export function plain(value: unknown): unknown {
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (typeof (value as { toFixed?: unknown }).toFixed === 'function' && 'd' in value) return (value as Money).toFixed();
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

/** A ratio rounded for comparison (`0.517241…` → `"0.517241"`); null stays null. */
export const rounded = (value: Money | null, places = 6) =>
  value === null ? null : value.toDecimalPlaces(places).toFixed();
