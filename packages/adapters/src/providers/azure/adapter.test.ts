import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatMoney, type DayRange } from '@spendsync/domain';
import {
  catchAdapterError,
  collectRecords,
  createCapturingLogger,
  createTestDeps,
  sumRecords,
} from '../../testing/contract-helpers';
import type { AdapterDeps } from '../../adapter';
import { AZURE_OTHER_MODEL } from './map';
import { azureProvider } from './index';
import { SIM_EUR_PER_USD } from '@spendsync/simulators/providers/azure/sim-query';
import { startAzureSimulator, type AzureSimulator } from '@spendsync/simulators/providers/azure/simulator';

const QUERY = /\/providers\/Microsoft\.CostManagement\/query$/;
let sim: AzureSimulator;

beforeAll(async () => {
  // Starts mid-January so a full sync spans two calendar months.
  sim = await startAzureSimulator({ seed: 7, start: '2026-01-20', days: 20, workspaces: 2, models: 4, pageSize: 25 });
});
afterAll(() => sim.close());

const adapterFor = (credentials: Record<string, unknown> = sim.credentials, deps: Partial<AdapterDeps> = {}) =>
  azureProvider.create(azureProvider.credentials.parse(credentials), createTestDeps(sim, deps.logger, deps));
const firstDays = (n: number): DayRange => ({
  start: sim.dataRange.start,
  end: new Date(Date.parse(sim.dataRange.start) + n * 86_400_000).toISOString().slice(0, 10),
});

describe('Azure adapter against the simulator, through the real SDKs', () => {
  it('splits a range at month ends and totals exactly the AI spend (the VM is filtered out)', async () => {
    const from = sim.calls.length;
    const { records } = await collectRecords(adapterFor(), sim.dataRange);
    const totals = sumRecords(records);
    expect(formatMoney(totals.cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    expect(new Set(records.map((r) => r.day.slice(0, 7)))).toEqual(new Set(['2026-01', '2026-02']));
    expect(sim.calls.slice(from).filter((c) => QUERY.test(c.path) && c.status === 200).length).toBeGreaterThan(2);
    expect(records.some((r) => r.workspaceName?.startsWith('vm-'))).toBe(false);
  });

  it('stores the USD amounts of a subscription billed in EUR, keeping the EUR amounts alongside', async () => {
    const eur = await startAzureSimulator({
      seed: 7,
      start: '2026-01-20',
      days: 5,
      workspaces: 2,
      models: 4,
      billingCurrency: 'EUR',
    });
    try {
      const adapter = azureProvider.create(azureProvider.credentials.parse(eur.credentials), createTestDeps(eur));
      const { records } = await collectRecords(adapter, eur.dataRange);
      expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(eur.groundTruth(eur.dataRange).cost));
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) {
        expect(r.currency).toBe('USD');
        expect(r.billingCurrency).toBe('EUR');
        // Each row is rounded to 8 decimals in EUR; a record sums at most a handful of rows.
        expect(r.billingCost!.sub(r.cost.mul(SIM_EUR_PER_USD)).abs().lte('0.0000001')).toBe(true);
      }
    } finally {
      await eur.close();
    }
  });

  it('classifies every meter spelling into its model and keeps the unknown meter in the other bucket', async () => {
    const { records } = await collectRecords(adapterFor(), firstDays(5));
    expect(new Set(records.map((r) => r.model))).toEqual(
      new Set(['gpt-4o-0513', 'gpt-4o-mini-0718', 'deepseek-r1', 'gpt-4.5-0227', AZURE_OTHER_MODEL]),
    );
    expect(records.filter((r) => r.model === AZURE_OTHER_MODEL).every((r) => r.chargeKind === 'other')).toBe(true);
  });

  it.each([
    ['a wrong secret', () => sim.invalidCredentials, /clientSecret is wrong .*AADSTS7000215.*Value, not its Secret ID/],
    ['an expired secret', () => sim.expiredSecretCredentials, /clientSecret .* has expired \(AADSTS7000222\)/],
    [
      'an unknown client id',
      () => ({ ...sim.credentials, clientId: '0b9b8a2c-1111-4222-8333-444455556666' }),
      /clientId 0b9b8a2c-1111-4222-8333-444455556666 is not an application in tenant/,
    ],
    [
      'an unknown tenant',
      () => ({ ...sim.credentials, tenantId: '7d3c1b2a-1111-4222-8333-444455556666' }),
      /tenantId 7d3c1b2a-1111-4222-8333-444455556666 was not found \(AADSTS90002\)/,
    ],
  ])(
    'gives AUTH_FAILED naming the value to fix for %s',
    async (_, credentials: () => Record<string, unknown>, message) => {
      const error = await catchAdapterError(adapterFor(credentials()).verify(), 'AUTH_FAILED');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(String(credentials().clientSecret));
    },
  );

  it('gives NOT_FOUND naming the subscription when it does not exist', async () => {
    const subscriptionId = '5a5a5a5a-1111-4222-8333-444455556666';
    const error = await catchAdapterError(adapterFor({ ...sim.credentials, subscriptionId }).verify(), 'NOT_FOUND');
    expect(error.message).toContain(`subscription ${subscriptionId} was not found`);
  });

  it('gives CREDENTIAL_REJECTED telling to assign Cost Management Reader when the app has no role', async () => {
    const error = await catchAdapterError(adapterFor(sim.wrongTypeCredentials).verify(), 'CREDENTIAL_REJECTED');
    expect(error.message).toMatch(/assign the Cost Management Reader role on the subscription to the app/);
  });

  it('waits for the largest Cost Management retry-after header, not the first one', async () => {
    const logger = createCapturingLogger();
    sim.faults.set({ rateLimit: { count: 1, retryAfterSeconds: 2 }, path: QUERY });
    const { records } = await collectRecords(adapterFor(sim.credentials, { logger }), firstDays(1));
    sim.faults.clear();
    expect(records.length).toBeGreaterThan(0);
    expect(logger.lines.filter((l) => l.includes('RATE_LIMITED'))).toEqual([
      expect.stringMatching(/retry 1\/\d+ in 2000 ms/),
    ]);
  });

  it('fails RATE_LIMITED at once when Azure asks for a longer wait than the policy allows', async () => {
    sim.faults.set({ rateLimit: { count: 1, retryAfterSeconds: 600 }, path: QUERY });
    const error = await catchAdapterError(
      collectRecords(adapterFor(sim.credentials, { retry: { maxRetryAfterMs: 60_000 } }), firstDays(1)),
      'RATE_LIMITED',
    );
    sim.faults.clear();
    expect(error.retryAfterMs).toBe(600_000);
  });

  it('does not trust the simulator without its CA (the certificate is made per run)', async () => {
    const error = await catchAdapterError(
      adapterFor(sim.credentials, { sdk: {}, retry: { maxAttempts: 1 } }).verify(),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.message).toMatch(/self-signed certificate.*not trusted: add the issuing CA with NODE_EXTRA_CA_CERTS/);
  });

  it('gives UPSTREAM_UNAVAILABLE naming the authority when nothing answers there', async () => {
    const gone = await startAzureSimulator({ seed: 8, days: 1 });
    await gone.close();
    const deps = { ...gone.adapterDeps(), retry: { maxAttempts: 2 } };
    const error = await catchAdapterError(adapterFor(gone.credentials, deps).verify(), 'UPSTREAM_UNAVAILABLE');
    expect(error.message).toContain(`cannot reach the Microsoft Entra ID authority ${gone.url} (connect ECONNREFUSED`);
  });

  it('refuses a plain http base URL before any call, as the SDKs would', () => {
    expect(() => adapterFor(sim.credentials, { baseUrl: sim.url.replace('https:', 'http:') })).toThrow(
      /must use https/,
    );
    expect(() => adapterFor(sim.credentials, { baseUrl: 'not a url' })).toThrow(/not a URL/);
  });

  it('works with the simulator reached as localhost (its links follow the host asked for)', async () => {
    const { records } = await collectRecords(
      adapterFor(sim.credentials, { baseUrl: sim.url.replace('127.0.0.1', 'localhost') }),
      firstDays(3),
    );
    expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(sim.groundTruth(firstDays(3)).cost));
  });
});
