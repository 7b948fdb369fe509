import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { parse } from 'csv-parse/sync';
import express from 'express';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { createExportRouter } from '../src/features/exports/export.router';
import { createExportService } from '../src/features/exports/export.service';
import { Organization } from '../src/features/organizations/organization.entity';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { seedOrganizationA, seedOrganizationB, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

/** An organization whose provider data is hostile: formulas, quotes, newlines, a refund. */
async function seedHostile(ds: DataSource, keys = 0) {
  const org = await ds.getRepository(Organization).save({ name: `C ${randomUUID()}` });
  const account = await ds.getRepository(ProviderAccount).save({
    organizationId: org.id,
    provider: 'openai',
    label: '-2+3 "label", with\nnewline',
    credentialsEncrypted: Buffer.from('x'),
    keyHint: 'sk-…',
  });
  const records = [
    buildCostRecord({
      day: '2025-06-05',
      workspaceId: 'proj_x',
      workspaceName: '=HYPERLINK("http://evil","x")',
      apiKeyId: 'k1',
      apiKeyHint: '@SUM(A1)',
      apiKeyName: '+cmd|calc',
      model: '\t=1+1',
      cost: new Money('-3.5'),
    }),
    ...Array.from({ length: keys }, (_, i) =>
      buildCostRecord({
        day: '2025-06-05',
        workspaceId: 'proj_bulk',
        apiKeyId: `bulk_${i}`,
        apiKeyHint: `sk-${i}`,
        model: 'gpt-4o',
        cost: new Money(`0.${String(i + 1).padStart(4, '0')}`),
      }),
    ),
  ];
  await replacePartition(ds, {
    organizationId: org.id,
    providerAccountId: account.id,
    provider: 'openai',
    days: ['2025-06-05'],
    records,
  });
  return org;
}

describe('CSV export routes', () => {
  let ds: DataSource;
  let server: Server;
  let base: string;
  let a: SeededOrganization;
  let bOrg: string;
  let hostile: string;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
    bOrg = (await seedOrganizationB(ds)).org.id;
    hostile = (await seedHostile(ds, 2_345)).id;
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

  const download = async (path: string, org: string | null = a.org.id) => {
    const response = await fetch(`${base}${path}`, { headers: org ? { 'x-test-org': org } : {} });
    return { response, text: await response.text() };
  };
  const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

  it('exports the providers dashboard with exact decimals and the previous period', async () => {
    const { response, text } = await download('/export/providers.csv?period=last_7_days');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="providers-2025-06-11.csv"');
    expect(text.split('\n')[0]).toBe(
      'providerAccountId,provider,label,spend,previousSpend,spendChange,credits,previousCredits,net,previousNet,netChange,metered,previousMetered,coverage,previousCoverage,status,lastError,lastSyncedAt,dataCompleteThrough,expectedDelayHours',
    );
    const rows = records(text);
    expect(
      rows.map((r) => [r.label, r.spend, r.previousSpend, r.spendChange, r.credits, r.net, r.metered, r.status]),
    ).toEqual([
      // credits not captured (these providers report none): empty cells, and so is net; the Anthropic
      // report that matched no key belongs to no account (regression: it went to the first Anthropic account)
      ['Runway', '4', '0', '', '', '', '0', 'disconnected'],
      ['Anthropic', '3.0004', '2', '50.02', '', '', '0', 'error'],
      // regression: ratios were written with 40 digits; changes now have 2 places, coverage 4 (CSV_PRECISION)
      ['OpenAI main', '2.9', '1.5', '93.33', '', '', '1.5', 'active'],
    ]);
    expect(rows[2]).toMatchObject({
      coverage: '0.5172',
      previousCoverage: '0.2667',
      lastSyncedAt: '2025-06-11T03:00:00.000Z',
      dataCompleteThrough: '2025-06-10',
      expectedDelayHours: '24',
    });
    expect(rows[1]!.lastError).toBe('The Admin key was revoked; link a new one.');
  });

  it('applies the same filter and sort as the query', async () => {
    const models = records(
      (await download('/export/models.csv?period=last_7_days&providers=openai,anthropic&sort=model&direction=asc'))
        .text,
    );
    expect(models.map((r) => [r.model, r.unit, r.cost, r.requests, r.costPerMillionTokens, r.isMostEfficient])).toEqual(
      [
        ['claude-haiku', '', '0.0004', '', '0.25', 'false'],
        ['claude-sonnet-4', '', '3', '', '3', 'false'],
        ['gpt-4o', '', '2', '150', '2.6666666667', 'false'],
        ['gpt-4o-mini', '', '0.3', '300', '0.2', 'true'],
        ['gpt-image-1', 'images', '0.6', '5', '', 'true'],
      ],
    );
    expect(models[4]).toMatchObject({
      imageCount: '15',
      costPerImage: '0.04',
      quantity: '15',
      imageMix: '{"size":{"512x512":2,"1024x1024":13},"source":{"image.edit":2,"image.generation":13}}',
    });
    const keys = records((await download('/export/api-keys.csv?start=2025-06-04&end=2025-06-11&workspaces=Web')).text);
    expect(
      keys.map((r) => [r.externalId, r.workspaceName, r.cost, r.requests, r.hasMeteredTraffic, r.isUninstrumented]),
    ).toEqual([
      ['akey_1', 'Web', '3', '', 'false', 'true'],
      ['key_a', 'Web', '2', '150', 'true', 'false'],
    ]);
    const workspaces = records((await download('/export/workspaces.csv?period=last_7_days&costMin=0.5')).text);
    expect(workspaces.map((r) => [r.displayName, r.providers, r.memberCount, r.cost, r.net, r.requests])).toEqual([
      ['Web', 'anthropic;openai', '2', '5', '', ''],
      ['', 'runway', '1', '4', '', ''],
      ['Research', 'openai', '1', '0.9', '', '305'],
    ]);
  });

  it('neutralises cells that a spreadsheet would run as formulas, and keeps refunds numeric', async () => {
    const [key] = records((await download('/export/api-keys.csv?period=last_7_days&search=SUM', hostile)).text);
    expect(key).toMatchObject({
      hint: `'@SUM(A1)`,
      name: `'+cmd|calc`,
      workspaceName: `'=HYPERLINK("http://evil","x")`,
      cost: '-3.5',
      isUninstrumented: 'false',
    });
    const [model] = records(
      (await download('/export/models.csv?period=last_7_days&sort=cost&direction=asc', hostile)).text,
    );
    expect(model).toMatchObject({ model: `'\t=1+1`, cost: '-3.5' });
    const [provider] = records((await download('/export/providers.csv?period=last_7_days', hostile)).text);
    expect(provider!.label).toBe(`'-2+3 "label", with\nnewline`);
  });

  it('streams every row past the cursor batch size, in order, summing to the cent', async () => {
    const rows = records(
      (await download('/export/api-keys.csv?period=last_7_days&search=sk-&sort=cost&direction=asc', hostile)).text,
    );
    expect(rows).toHaveLength(2_345);
    expect(rows[0]!.externalId).toBe('bulk_0');
    expect(rows.at(-1)!.externalId).toBe('bulk_2344');
    // 0.0001 + 0.0002 + … + 0.2345 = 2345 × 2346 / 2 / 10000
    expect(rows.reduce((sum, r) => sum.add(r.cost!), new Money(0)).toFixed()).toBe('275.0685');
  });

  it("exports only the caller's organization", async () => {
    const rows = records((await download('/export/api-keys.csv?period=last_7_days', bOrg)).text);
    expect(rows.map((r) => [r.name, r.cost])).toEqual([['b-backend', '999.99']]);
    const none = await download('/export/workspaces.csv?period=last_7_days&search=Research', bOrg);
    expect(none.text).toBe(
      'displayName,providers,memberCount,cost,previousCost,costChange,credits,net,previousNet,netChange,inputTokens,outputTokens,requests\n',
    );
  });

  it.each([
    ['/export/providers.csv', null, 401, { code: 'UNAUTHENTICATED' }],
    ['/export/models.csv?sort=password', 'A', 400, { code: 'BAD_USER_INPUT', field: 'sort.field' }],
    ['/export/models.csv?providers=acme', 'A', 400, { code: 'BAD_USER_INPUT', field: 'providers.0' }],
    ['/export/models.csv?costMin=1e9', 'A', 400, { code: 'BAD_USER_INPUT', field: 'costMin' }],
    ['/export/secrets.csv', 'A', 404, null],
  ])('answers %s (caller %p) with HTTP %d', async (path, org, status, error) => {
    const { response, text } = await download(path, org === 'A' ? a.org.id : null);
    expect(response.status).toBe(status);
    if (error) expect(JSON.parse(text).error).toMatchObject(error);
  });
});
