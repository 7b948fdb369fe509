import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CostRecord, Money } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { CostRecordEntity } from '../src/features/cost-records/cost-record.entity';
import type { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { PartitionWriteError, replacePartition } from '../src/features/sync/replace-partition';
import { createAccount } from './fixtures';
import { openTestDataSource } from './test-data-source';

/** The stored rows of an account as domain-shaped records with decimals as text, in grain order. */
async function stored(ds: DataSource, account: ProviderAccount, day?: string) {
  const rows = await ds.getRepository(CostRecordEntity).find({
    where: { providerAccountId: account.id, ...(day ? { day } : {}) },
    order: { day: 'ASC', model: 'ASC', workspaceExternalId: 'ASC', apiKeyExternalId: 'ASC', chargeKind: 'ASC' },
  });
  return rows.map((r) => ({
    provider: r.provider,
    day: r.day,
    workspaceId: r.workspaceExternalId,
    workspaceName: r.workspaceName,
    apiKeyId: r.apiKeyExternalId,
    apiKeyHint: r.apiKeyHint,
    apiKeyName: r.apiKeyName,
    model: r.model,
    chargeKind: r.chargeKind,
    cost: r.cost.toFixed(),
    creditsApplied: r.creditsApplied.toFixed(),
    currency: r.currency,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cachedInputTokens: r.cachedInputTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    requests: r.requests,
    unit: r.unit,
    quantity: r.quantity?.toFixed() ?? null,
    mix: r.mix,
  }));
}

const asText = (records: CostRecord[]) =>
  records.map((r) => ({
    ...r,
    cost: r.cost.toFixed(),
    creditsApplied: r.creditsApplied.toFixed(),
    quantity: r.quantity?.toFixed() ?? null,
  }));

const DAY = '2025-06-01';

/** One day of varied records: tiny and huge decimals, unknowns, non-token units, awkward text. */
const dayOfRecords = (day = DAY): CostRecord[] => [
  buildCostRecord({ day, model: 'a-tiny', cost: new Money('0.000001234'), creditsApplied: new Money('0.000000001') }),
  buildCostRecord({
    day,
    model: 'b-huge',
    cost: new Money('123456789.123456789'),
    creditsApplied: new Money('99999999.999999999999'),
  }),
  buildCostRecord({
    day,
    model: 'c-refund',
    cost: new Money('-3.50'),
    requests: null,
    inputTokens: null,
    cachedInputTokens: null,
  }),
  buildCostRecord({
    day,
    model: 'd-image',
    chargeKind: 'image',
    unit: 'images',
    quantity: new Money('12'),
    inputTokens: null,
    outputTokens: null,
    mix: { size: { '1024x1024': 10, '512x512': 2 } },
    cost: new Money('0.48'),
  }),
  buildCostRecord({
    day,
    model: 'e-nulls',
    workspaceId: null,
    workspaceName: null,
    apiKeyId: null,
    apiKeyHint: null,
    apiKeyName: null,
    chargeKind: 'tax_fee',
    cost: new Money('0.01'),
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    requests: null,
  }),
  buildCostRecord({
    day,
    model: 'f-text',
    workspaceName: 'tab\there, new\nline, back\\slash, crlf\r\n, ünï 🔑',
    apiKeyName: '\\N',
  }),
  buildCostRecord({ day, model: 'g-big-count', inputTokens: 9_007_199_254_740_991, requests: 0 }),
];

describe('replacePartition', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const replace = (account: ProviderAccount, days: string[], records: CostRecord[]) =>
    replacePartition(ds, {
      organizationId: account.organizationId,
      providerAccountId: account.id,
      provider: account.provider,
      days,
      records,
    });

  it('round-trips a day of records exactly', async () => {
    const account = await createAccount(ds);
    const records = dayOfRecords();
    await expect(replace(account, [DAY], records)).resolves.toEqual({ deleted: 0, inserted: records.length });
    expect(await stored(ds, account)).toEqual(asText(records));
    const [row] = await ds.query(
      `SELECT cost::text FROM cost_records WHERE provider_account_id = $1 AND model = 'b-huge'`,
      [account.id],
    );
    expect(row.cost).toBe('123456789.123456789');
  });

  it('leaves exactly one copy when the same partition is replaced twice', async () => {
    const account = await createAccount(ds);
    await replace(account, [DAY], dayOfRecords());
    await expect(replace(account, [DAY], dayOfRecords())).resolves.toEqual({ deleted: 7, inserted: 7 });
    expect(await stored(ds, account)).toEqual(asText(dayOfRecords()));
  });

  it('drops records the provider withdrew and empties days given without records', async () => {
    const account = await createAccount(ds);
    await replace(account, [DAY, '2025-06-02'], [...dayOfRecords(), ...dayOfRecords('2025-06-02')]);
    await replace(account, [DAY, '2025-06-02'], dayOfRecords().slice(0, 2));
    expect(await stored(ds, account)).toEqual(asText(dayOfRecords().slice(0, 2)));
  });

  it('leaves other days and other accounts untouched', async () => {
    const account = await createAccount(ds);
    const other = await createAccount(ds);
    await replace(
      account,
      ['2025-05-31', DAY, '2025-06-02'],
      ['2025-05-31', DAY, '2025-06-02'].flatMap((d) => dayOfRecords(d)),
    );
    await replace(other, [DAY], dayOfRecords());
    await replace(account, [DAY], [buildCostRecord({ day: DAY, cost: new Money('5') })]);
    expect(await stored(ds, account, '2025-05-31')).toEqual(asText(dayOfRecords('2025-05-31')));
    expect(await stored(ds, account, '2025-06-02')).toEqual(asText(dayOfRecords('2025-06-02')));
    expect(await stored(ds, account, DAY)).toEqual(asText([buildCostRecord({ day: DAY, cost: new Money('5') })]));
    expect(await stored(ds, other)).toEqual(asText(dayOfRecords()));
  });

  it('rejects a record outside the given days before changing anything', async () => {
    const account = await createAccount(ds);
    await replace(account, [DAY], dayOfRecords());
    const stray = [...dayOfRecords(), buildCostRecord({ day: '2025-06-02' })];
    await expect(replace(account, [DAY], stray)).rejects.toThrow(
      /Record 7 is for 2025-06-02, which is not one of the days being replaced/,
    );
    expect(await stored(ds, account)).toEqual(asText(dayOfRecords()));
  });

  it.each<[string, Partial<CostRecord>]>([
    ['another provider', { provider: 'anthropic' }],
    ['a day that does not exist', { day: '2025-02-29' }],
    ['a float amount', { cost: 0.1 as unknown as Money }],
    ['a float quantity', { unit: 'images', quantity: 3 as unknown as Money }],
  ])('rejects %s', async (_name, change) => {
    const account = await createAccount(ds);
    await expect(replace(account, [change.day ?? DAY], [buildCostRecord({ day: DAY, ...change })])).rejects.toThrow(
      PartitionWriteError,
    );
  });

  it.each<[string, Partial<CostRecord>]>([
    ['with every grain part set', {}],
    ['with no workspace, key or unit (NULLS NOT DISTINCT)', { workspaceId: null, apiKeyId: null, unit: null }],
  ])('refuses two records of one grain %s and keeps the previous data', async (_name, grain) => {
    const account = await createAccount(ds);
    await replace(account, [DAY], dayOfRecords());
    const twice = [
      buildCostRecord({ day: DAY, ...grain }),
      buildCostRecord({ day: DAY, ...grain, cost: new Money('2') }),
    ];
    await expect(replace(account, [DAY], twice)).rejects.toThrow(/Two records share one grain .*Nothing was written/);
    expect(await stored(ds, account)).toEqual(asText(dayOfRecords()));
  });

  it.each<[string, (records: CostRecord[]) => CostRecord[]]>([
    [
      'the database refuses a row in a later chunk',
      (rs) => [...rs, buildCostRecord({ day: DAY, model: 'zz', inputTokens: 1.5 })],
    ],
    [
      'a record cannot be encoded in a later chunk',
      (rs) => [...rs, buildCostRecord({ day: DAY, model: 'zz', mix: { n: { big: 1n as unknown as number } } })],
    ],
  ])('keeps the previous data intact when %s', async (_name, spoil) => {
    const account = await createAccount(ds);
    await replace(account, [DAY], dayOfRecords());
    const many = Array.from({ length: 5_000 }, (_, i) =>
      buildCostRecord({ day: DAY, model: `m-${String(i).padStart(5, '0')}` }),
    );
    await expect(replace(account, [DAY], spoil(many))).rejects.toThrow();
    expect(await stored(ds, account)).toEqual(asText(dayOfRecords()));
    // The connection went back to the pool in a usable state.
    await expect(Promise.all([1, 2, 3, 4, 5].map(() => ds.query('SELECT 1 AS ok')))).resolves.toHaveLength(5);
  });

  it('refuses an account of another organization', async () => {
    const account = await createAccount(ds);
    const stranger = await createAccount(ds);
    await expect(
      replacePartition(ds, {
        organizationId: stranger.organizationId,
        providerAccountId: account.id,
        provider: 'openai',
        days: [DAY],
        records: dayOfRecords(),
      }),
    ).rejects.toThrow(/does not exist in organization/);
  });

  it('serializes concurrent replacements of one account, leaving one copy', async () => {
    const account = await createAccount(ds);
    await Promise.all([1, 2, 3, 4].map(() => replace(account, [DAY], dayOfRecords())));
    expect(await stored(ds, account)).toEqual(asText(dayOfRecords()));
  });

  it('does nothing for an empty set of days', async () => {
    const account = await createAccount(ds);
    await expect(replace(account, [], [])).resolves.toEqual({ deleted: 0, inserted: 0 });
  });
});
