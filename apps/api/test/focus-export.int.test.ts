import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, PROVIDER_IDS, ZERO, type ProviderId } from '@spendsync/domain';
import { parse } from 'csv-parse/sync';
import express from 'express';
import type { DataSource } from 'typeorm';
import { FOCUS_COLUMNS } from '../src/features/exports/focus-columns';
import { FOCUS_PROVIDERS } from '../src/features/exports/focus-providers';
import { pgPoolOf } from '../src/database/pg-pool';
import { createExportRouter } from '../src/features/exports/export.router';
import { createExportService } from '../src/features/exports/export.service';
import { seedOrganizationA } from './dashboard-seed';
import { brokenFocusRules, type FocusRow } from './focus-rules';
import { focusFixtureRecords, seedFocusOrganization } from './focus-seed';
import { openTestDataSource } from './test-data-source';

const PERIOD = 'start=2024-12-31&end=2025-06-02';

describe('FOCUS 1.3 export', () => {
  let ds: DataSource;
  let server: Server;
  let base: string;
  let org: string;
  let accounts: Record<ProviderId, string>;
  beforeAll(async () => {
    ds = await openTestDataSource();
    ({ organizationId: org, accounts } = await seedFocusOrganization(ds));
    await seedOrganizationA(ds); // another tenant, with records in the same days
    const app = express();
    app.use(
      createExportRouter({
        exports: createExportService(pgPoolOf(ds)),
        resolveOrganization: (req) => req.header('x-test-org') ?? null,
        now: () => new Date('2025-06-11T12:00:00Z'),
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await ds?.destroy();
  });

  const download = async (path: string, as: string | null = org) => {
    const response = await fetch(`${base}${path}`, { headers: as ? { 'x-test-org': as } : {} });
    return { response, text: await response.text() };
  };
  const jsonl = async (query = PERIOD): Promise<FocusRow[]> => {
    const { response, text } = await download(`/export/focus.jsonl?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect(response.headers.get('x-focus-version')).toBe('1.3');
    expect(text.endsWith('\n')).toBe(true);
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as FocusRow);
  };
  /** CSV rows with empty cells read back as null (the export writes null as an empty cell). */
  const csv = async (query = PERIOD): Promise<FocusRow[]> => {
    const { response, text } = await download(`/export/focus.csv?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="focus-2025-06-11.csv"');
    expect(response.headers.get('x-focus-version')).toBe('1.3');
    expect(text.split('\n')[0]).toBe(FOCUS_COLUMNS.map((c) => c.name).join(','));
    return (parse(text, { columns: true }) as Record<string, string>[]).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])),
    );
  };
  const sum = (rows: FocusRow[]) => rows.reduce((total, r) => total.add(String(r.BilledCost)), ZERO);

  it('keeps every FOCUS 1.3 column rule on every row, in both encodings, for all nine providers', async () => {
    const [lines, cells] = [await jsonl(), await csv()];
    expect(new Set(lines.map((r) => r.ServiceName))).toEqual(
      new Set(PROVIDER_IDS.map((p) => FOCUS_PROVIDERS[p].serviceName)),
    );
    for (const row of lines) expect({ row, broken: brokenFocusRules(row) }).toEqual({ row, broken: [] });
    for (const row of cells) expect({ row, broken: brokenFocusRules(row) }).toEqual({ row, broken: [] });
    // The same values either way, except Tags (an object in JSON, its text in CSV) and neutralized text.
    const comparable = (r: FocusRow) => ({
      ...r,
      Tags: typeof r.Tags === 'string' ? JSON.parse(r.Tags) : r.Tags,
      ResourceName: null,
    });
    expect(cells.map(comparable)).toEqual(lines.map(comparable));
  });

  it('gives one row per record plus one Credit row per record with credits applied; BilledCost adds up to the stored net exactly', async () => {
    const rows = await jsonl();
    const fixture = Object.values(focusFixtureRecords())
      .flat()
      .filter((r) => r.day >= '2024-12-31' && r.day < '2025-06-02');
    const applied = fixture.filter((r) => r.chargeKind !== 'credit' && !r.creditsApplied.isZero());
    expect(rows).toHaveLength(fixture.length + applied.length);
    const [{ net }] = await ds.query<{ net: string }[]>(
      `SELECT sum(cost) - sum(credits_applied) AS net FROM cost_records WHERE organization_id = $1 AND day >= '2024-12-31' AND day < '2025-06-02'`,
      [org],
    );
    expect(sum(rows).toFixed()).toBe(new Money(net).toFixed());
    expect(sum(rows).toFixed()).toBe(fixture.reduce((t, r) => t.add(r.cost).sub(r.creditsApplied), ZERO).toFixed());
    for (const provider of PROVIDER_IDS) {
      const [{ net: providerNet }] = await ds.query<{ net: string }[]>(
        `SELECT sum(cost) - sum(credits_applied) AS net FROM cost_records WHERE provider_account_id = $1 AND day < '2025-06-02'`,
        [accounts[provider]],
      );
      expect([provider, sum(rows.filter((r) => r.BillingAccountId === accounts[provider])).toFixed()]).toEqual([
        provider,
        new Money(providerNet).toFixed(),
      ]);
    }
  });

  it('writes credits as their own negative Credit rows, and a credit reversal as a positive one', async () => {
    const bedrock = (await jsonl()).filter((r) => r.BillingAccountId === accounts['aws-bedrock']);
    expect(
      bedrock.map((r) => [r.ChargePeriodStart, r.ChargeCategory, r.BilledCost, r.SkuId, r.ChargeDescription]),
    ).toEqual([
      ['2025-05-15T00:00:00Z', 'Credit', '1.25', null, 'Credits: bedrock-general'],
      ['2025-06-01T00:00:00Z', 'Usage', '2.5', 'anthropic.claude-3-haiku', 'Usage: anthropic.claude-3-haiku'],
      ['2025-06-01T00:00:00Z', 'Credit', '-0.75', null, 'Credits applied to anthropic.claude-3-haiku'],
      ['2025-06-01T00:00:00Z', 'Credit', '-5', null, 'Credits: bedrock-general'],
    ]);
    expect(bedrock[1]).toMatchObject({
      ConsumedQuantity: '820000',
      ConsumedUnit: 'Tokens',
      x_InputTokens: '800000',
      SubAccountId: '123456789012',
      SubAccountName: 'Production',
    });
    expect(bedrock[2]).toMatchObject({
      ConsumedQuantity: null,
      PricingQuantity: null,
      x_InputTokens: null,
      SubAccountName: 'Production',
    });
  });

  it('measures images, seconds and credits in their own units, tokens in Tokens, else requests; unmeasured usage stays null', async () => {
    const rows = await jsonl();
    const by = (model: string) => rows.find((r) => r.SkuId === model && r.ChargeCategory === 'Usage');
    expect(
      [
        'gpt-image-1',
        'imagen-4',
        'fal-ai/flux/dev',
        'fal-ai/kling-video',
        'gen4_turbo',
        'claude-3-5-sonnet',
        'gemini-2.5-pro',
        'web_search',
      ].map((model) => [
        model,
        by(model)?.PricingQuantity,
        by(model)?.PricingUnit,
        by(model)?.SkuPriceId,
        by(model)?.SkuMeter,
      ]),
    ).toEqual([
      ['gpt-image-1', '10', 'Images', 'gpt-image-1/Images', 'Images'],
      ['imagen-4', '3', 'Images', 'imagen-4/Images', 'Images'],
      ['fal-ai/flux/dev', '3', 'Images', 'fal-ai/flux/dev/Images', 'Images'],
      ['fal-ai/kling-video', '5.5', 'Seconds', 'fal-ai/kling-video/Seconds', 'Seconds'],
      ['gen4_turbo', '50', 'Credits', 'gen4_turbo/Credits', 'Credits'],
      ['claude-3-5-sonnet', '12', 'Requests', 'claude-3-5-sonnet/Requests', 'Requests'],
      ['gemini-2.5-pro', '12000', 'Tokens', 'gemini-2.5-pro/Tokens', 'Tokens'],
      ['web_search', null, null, null, null],
    ]);
    expect(by('gpt-image-1')?.Tags).toEqual({ 'spendsync/chargeKind': 'image' });
    const tax = rows.find((r) => r.ChargeCategory === 'Tax');
    expect(tax).toMatchObject({
      BilledCost: '0.27',
      ServiceProviderName: 'Anthropic',
      SkuId: null,
      PricingQuantity: null,
      SubAccountId: 'wrk_1',
    });
  });

  it('writes date/times in UTC with seconds and a Z, the billing period being the calendar month (month and year ends)', async () => {
    const vertex = (await jsonl()).find((r) => r.SkuId === 'gemini-2.5-pro')!;
    expect([
      vertex.ChargePeriodStart,
      vertex.ChargePeriodEnd,
      vertex.BillingPeriodStart,
      vertex.BillingPeriodEnd,
    ]).toEqual(['2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z', '2024-12-01T00:00:00Z', '2025-01-01T00:00:00Z']);
    expect(vertex.BilledCost).toBe('0.123456789012345678'); // every stored digit, no float on the way
    const may = (await jsonl()).find((r) => r.ChargePeriodStart === '2025-05-31T00:00:00Z')!;
    expect([may.ChargePeriodEnd, may.BillingPeriodStart, may.BillingPeriodEnd]).toEqual([
      '2025-06-01T00:00:00Z',
      '2025-05-01T00:00:00Z',
      '2025-06-01T00:00:00Z',
    ]);
  });

  it('applies the export filters: providers, workspaces, search, cost range, period and sort', async () => {
    expect(new Set((await jsonl(`${PERIOD}&providers=fal,runway`)).map((r) => r.ServiceProviderName))).toEqual(
      new Set(['fal', 'Runway']),
    );
    expect((await jsonl(`${PERIOD}&workspaces=Production`)).map((r) => r.BilledCost)).toEqual([
      '1.25',
      '2.5',
      '-0.75',
      '-5',
    ]);
    expect((await jsonl(`${PERIOD}&search=kling`)).map((r) => r.SkuId)).toEqual(['fal-ai/kling-video']);
    expect((await jsonl(`${PERIOD}&costMax=-0.5`)).map((r) => r.BilledCost)).toEqual(['-0.75', '-5']);
    expect((await jsonl('start=2025-05-31&end=2025-06-01')).map((r) => r.SkuId)).toEqual(['gpt-4o-2024-08-06']);
    const sorted = (await jsonl(`${PERIOD}&sort=BilledCost&direction=desc`)).map(
      (r) => new Money(String(r.BilledCost)),
    );
    expect(sorted.slice(0, 2).map((v) => v.toFixed())).toEqual(['3', '2.5']);
    expect(sorted.every((v, i) => i === 0 || v.lte(sorted[i - 1]!))).toBe(true);
  });

  it('neutralizes formulas in CSV text cells but keeps negative decimals numbers', async () => {
    const { text } = await download(`/export/focus.csv?${PERIOD}&providers=anthropic,azure`);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.ResourceId === 'apikey_1')?.ResourceName).toBe(`'=cmd|calc`);
    expect(rows.find((r) => r.SkuId === 'azure-other')?.BilledCost).toBe('-0.05');
  });

  it('refuses a missing token (401) and a bad filter or sort (400) before streaming', async () => {
    expect((await download(`/export/focus.csv?${PERIOD}`, null)).response.status).toBe(401);
    const badSort = await download(`/export/focus.jsonl?${PERIOD}&sort=cost`);
    expect(badSort.response.status).toBe(400);
    expect(JSON.parse(badSort.text)).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'sort.field' } });
    expect((await download('/export/focus.csv?start=2025-06-01')).response.status).toBe(400);
  });

  it('exports nothing of another organization', async () => {
    const rows = await jsonl('start=2025-05-01&end=2025-06-11');
    expect(rows.every((r) => Object.values(accounts).includes(String(r.BillingAccountId)))).toBe(true);
  });
});
