import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ZCostRecord,
  addDays,
  formatMoney,
  grainKey,
  rangeContains,
  type CostRecord,
  type DayRange,
} from '@spendsync/domain';
import type { BillingAdapter, CreditBalance, ProviderDefinition } from '../adapter';
import type { ProviderSimulator, SimCall, SimulatorFactory, SimulatorOptions } from './provider-simulator';
import {
  catchAdapterError,
  collectRecords,
  collectSecrets,
  createCapturingLogger,
  createTestDeps,
  errorTexts,
  findSecretLeaks,
  sumRecords,
} from './contract-helpers';

/** Fault cases a provider may be unable to produce; the value says why. */
export type ContractCase = 'endlessCursor' | 'malformedBody' | 'rateLimit' | 'serverError';

/** Options of {@link defineAdapterContract}. */
export type AdapterContractOptions = {
  /** The provider under test, as registered. */
  definition: ProviderDefinition<unknown>;
  /** Starts the provider's simulator. */
  startSimulator: SimulatorFactory;
  /** Options for this provider's simulator (the common ones, or its own such as Azure's `billingCurrency`). */
  simulatorOptions?: SimulatorOptions & { readonly [option: string]: unknown };
  /** What the user must read when a key of the wrong type is refused (locally or by the provider). */
  wrongKeyMessage: RegExp;
  /** The paged listing that faults target and that must be requested more than once (e.g. `/\/organization\/costs/`). */
  pagedPath: RegExp;
  /** Cases that cannot apply to this provider, with the reason (the test is skipped and named so). */
  notApplicable?: Partial<Record<ContractCase, string>>;
};

/** The organization the suite asks every simulator for: small, and paged 2 items at a time. */
export const CONTRACT_SIMULATOR_OPTIONS: SimulatorOptions = {
  seed: 20260101,
  start: '2026-01-01',
  days: 6,
  workspaces: 2,
  keysPerWorkspace: 2,
  models: 3,
  pageSize: 2,
};

type FullSync = {
  records: CostRecord[];
  calls: SimCall[];
  recordCalls: SimCall[];
  workspaces?: unknown[];
  apiKeys?: unknown[];
};

/**
 * The shared contract every provider runs once against its simulator (Apollo's shared-suite
 * pattern). One simulator serves the whole suite; faults are cleared after each test. The last
 * test scans every error and log line the suite produced for any credential secret.
 * Simulators must add unknown fields to their payloads, so every passing sync also proves
 * unknown fields are ignored.
 */
export function defineAdapterContract(options: AdapterContractOptions): void {
  const { definition, pagedPath } = options;
  const logger = createCapturingLogger();
  const errors: unknown[] = [];
  let sim: ProviderSimulator;

  const adapterFor = (credentials: Record<string, unknown> = sim.credentials): BillingAdapter =>
    definition.create(definition.credentials.parse(credentials), createTestDeps(sim, logger));
  const failure = async (promise: Promise<unknown>, code?: Parameters<typeof catchAdapterError>[1]) => {
    const error = await catchAdapterError(
      promise.catch((e: unknown) => {
        errors.push(e);
        throw e;
      }),
      code,
    );
    return error;
  };
  const callsSince = (from: number) => sim.calls.slice(from);
  const firstDays = (n: number): DayRange => ({ start: sim.dataRange.start, end: addDays(sim.dataRange.start, n) });
  const expectTotals = (records: CostRecord[], range: DayRange) => {
    const totals = sumRecords(records);
    const truth = sim.groundTruth(range);
    expect({ cost: formatMoney(totals.cost), credits: formatMoney(totals.credits) }).toEqual({
      cost: formatMoney(truth.cost),
      credits: formatMoney(truth.credits),
    });
  };
  const caseIt = (name: ContractCase, title: string, fn: () => Promise<void>) => {
    const reason = options.notApplicable?.[name];
    if (reason) it.skip(`${title} (not applicable: ${reason})`, fn);
    else it(title, fn);
  };

  describe(`${definition.label} adapter contract`, () => {
    beforeAll(async () => {
      sim = await options.startSimulator({ ...CONTRACT_SIMULATOR_OPTIONS, ...options.simulatorOptions });
    });
    afterEach(() => sim.faults.clear());
    afterAll(async () => {
      await sim?.close();
    });

    it('creates an adapter without calling the provider, and verify succeeds', async () => {
      const from = sim.calls.length;
      const adapter = adapterFor();
      expect(adapter.provider).toBe(definition.id);
      expect(adapter.capabilities).toEqual(definition.capabilities);
      expect(callsSince(from)).toEqual([]);
      const result = await adapter.verify();
      expect(['full', 'limited']).toContain(result.detail);
      expect(callsSince(from).length).toBeGreaterThanOrEqual(1);
    });

    it('reports an unknown key as AUTH_FAILED', async () => {
      await failure(adapterFor(sim.invalidCredentials).verify(), 'AUTH_FAILED');
      await failure(collectRecords(adapterFor(sim.invalidCredentials), firstDays(1)), 'AUTH_FAILED');
    });

    it('refuses a key of the wrong type with CREDENTIAL_REJECTED and says which key to link', async () => {
      const parsed = definition.credentials.safeParse(sim.wrongTypeCredentials);
      if (!parsed.success) {
        const text = parsed.error.issues.map((issue) => issue.message).join('; ');
        errors.push(new Error(text));
        expect(text).toMatch(options.wrongKeyMessage);
        return;
      }
      const error = await failure(adapterFor(sim.wrongTypeCredentials).verify(), 'CREDENTIAL_REJECTED');
      expect(error.message).toMatch(options.wrongKeyMessage);
    });

    describe('a full sync of the data range', () => {
      let run: FullSync;
      let balance: CreditBalance | null | undefined;
      beforeAll(async () => {
        const from = sim.calls.length;
        const adapter = adapterFor();
        await adapter.verify();
        const workspaces = await adapter.listWorkspaces?.();
        const apiKeys = await adapter.listApiKeys?.();
        balance = await adapter.readBalance?.();
        const recordsFrom = sim.calls.length;
        const { records } = await collectRecords(adapter, sim.dataRange);
        run = { records, calls: callsSince(from), recordCalls: callsSince(recordsFrom), workspaces, apiKeys };
      });

      it('yields records that pass ZCostRecord, for this provider, inside the range', () => {
        expect(run.records.length).toBeGreaterThan(0);
        for (const record of run.records) {
          const parsed = ZCostRecord.safeParse(record);
          expect(parsed.success ? 'valid' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe('valid');
          expect(record.provider).toBe(definition.id);
          expect(rangeContains(sim.dataRange, record.day)).toBe(true);
        }
      });

      it('never repeats a grain', () => {
        const keys = run.records.map(grainKey);
        const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
        expect(repeated.map((k) => k.split('\u001f').join(' | '))).toEqual([]);
      });

      it('totals cost and credits to exactly the ground truth', () => {
        expectTotals(run.records, sim.dataRange);
      });

      it('reads every page of the paged listing', () => {
        const paged = run.recordCalls.filter((c) => pagedPath.test(c.path)).length;
        expect(paged).toBeGreaterThanOrEqual(options.notApplicable?.endlessCursor ? 1 : 2);
      });

      it('calls every simulator route and gets no error answers', () => {
        const missed = sim.routes.filter((r) => !run.calls.some((c) => c.method === r.method && r.path.test(c.path)));
        expect(missed.map((r) => `${r.method} ${r.path.source}`)).toEqual([]);
        expect(run.calls.filter((c) => c.status >= 400)).toEqual([]);
      });

      it('keeps unknown values null and fills what its capabilities promise', () => {
        const caps = definition.capabilities;
        if (!caps.requestCounts) expect(run.records.filter((r) => r.requests !== null)).toEqual([]);
        else expect(run.records.some((r) => r.requests !== null)).toBe(true);
        if (!caps.credits) expect(run.records.filter((r) => !r.creditsApplied.isZero())).toEqual([]);
        if (caps.perKeyCost) expect(run.records.some((r) => r.apiKeyId !== null)).toBe(true);
        const units = new Set(run.records.map((r) => r.unit).filter((u): u is string => u !== null));
        expect([...units].filter((u) => !caps.units.includes(u))).toEqual([]);
        expect(run.records.filter((r) => r.quantity !== null && r.unit === null)).toEqual([]);
      });

      it('reads the credit balance the provider reports, consistent with the usage it served', () => {
        const expected = sim.balance?.();
        if (!expected) {
          expect(balance ?? null).toBeNull();
          return;
        }
        expect(balance).toBeDefined();
        const read = balance as CreditBalance;
        expect(read.remaining.toString()).toBe(expected.remaining.toString());
        if (expected.granted && expected.used) {
          expect(expected.granted.sub(expected.used).toString()).toBe(expected.remaining.toString());
        }
        // The simulated account bought its credits before the first day, so what it used is what it billed.
        const billed = sim.groundTruth(sim.dataRange).cost;
        if (expected.used !== null) expect(expected.used.toString()).toBe(billed.toString());
        if (read.granted !== null) expect(read.granted.toString()).toBe(expected.granted?.toString());
        if (read.used !== null) expect(read.used.toString()).toBe(expected.used?.toString());
      });

      it('lists workspaces and keys with ids when it offers to', () => {
        for (const list of [run.workspaces, run.apiKeys]) {
          if (list === undefined) continue;
          expect(list.length).toBeGreaterThan(0);
          for (const item of list) expect(typeof (item as { id: unknown }).id).toBe('string');
        }
      });
    });

    it('treats the end day as exclusive', async () => {
      const range = { start: addDays(sim.dataRange.start, 1), end: addDays(sim.dataRange.start, 3) };
      const { records } = await collectRecords(adapterFor(), range);
      expect(records.length).toBeGreaterThan(0);
      expect(records.filter((r) => !rangeContains(range, r.day)).map((r) => r.day)).toEqual([]);
      expectTotals(records, range);
    });

    caseIt('rateLimit', 'waits out a 429 Retry-After, then succeeds', async () => {
      sim.faults.set({ rateLimit: { count: 1, retryAfterSeconds: 1 }, path: pagedPath });
      const from = sim.calls.length;
      const started = Date.now();
      const { records } = await collectRecords(adapterFor(), firstDays(2));
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(callsSince(from).filter((c) => c.status === 429 && pagedPath.test(c.path))).toHaveLength(1);
      expectTotals(records, firstDays(2));
    });

    caseIt('serverError', 'retries a 5xx, then succeeds', async () => {
      sim.faults.set({ serverError: { count: 2, status: 503 }, path: pagedPath });
      const from = sim.calls.length;
      const { records } = await collectRecords(adapterFor(), firstDays(2));
      expect(callsSince(from).filter((c) => c.status === 503)).toHaveLength(2);
      expectTotals(records, firstDays(2));
    });

    caseIt('serverError', 'gives UPSTREAM_UNAVAILABLE when 5xx answers outlast the retries', async () => {
      sim.faults.set({ serverError: { count: 1000, status: 502 }, path: pagedPath });
      await failure(collectRecords(adapterFor(), firstDays(2)), 'UPSTREAM_UNAVAILABLE');
    });

    caseIt('malformedBody', 'reports a body that is not JSON as INVALID_RESPONSE', async () => {
      sim.faults.set({ malformed: { count: 1000 }, path: pagedPath });
      await failure(collectRecords(adapterFor(), firstDays(2)), 'INVALID_RESPONSE');
    });

    caseIt('endlessCursor', 'cuts off a cursor that never ends with INVALID_RESPONSE', async () => {
      sim.faults.set({ endlessCursor: true, path: pagedPath });
      await failure(collectRecords(adapterFor(), firstDays(2)), 'INVALID_RESPONSE');
    });

    it('gives ABORTED for an already aborted signal, without calling the provider', async () => {
      const from = sim.calls.length;
      const adapter = adapterFor();
      await failure(adapter.verify(AbortSignal.abort()), 'ABORTED');
      await failure(collectRecords(adapter, firstDays(2), AbortSignal.abort()), 'ABORTED');
      expect(callsSince(from)).toEqual([]);
    });

    it('gives ABORTED when aborted while a call is in flight', async () => {
      sim.faults.set({ slowMs: 400, path: pagedPath });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await failure(collectRecords(adapterFor(), firstDays(2), controller.signal), 'ABORTED');
    });

    caseIt('rateLimit', 'gives ABORTED when aborted while waiting out a Retry-After', async () => {
      // Every paged call is told to wait 30 s (a late request of an earlier test cannot use the
      // 429 up), and the abort comes once a 429 was answered, not after a fixed time: on a busy
      // machine the adapter may not have asked yet after 100 ms.
      sim.faults.set({ rateLimit: { count: 1_000, retryAfterSeconds: 30 }, path: pagedPath });
      const from = sim.calls.length;
      const controller = new AbortController();
      const collected = collectRecords(adapterFor(), firstDays(2), controller.signal);
      const settled = collected.then(
        () => true,
        () => true,
      );
      while (!callsSince(from).some((call) => call.status === 429)) {
        if (await Promise.race([settled, new Promise<false>((resolve) => setTimeout(() => resolve(false), 10))])) break;
      }
      controller.abort();
      await failure(collected, 'ABORTED');
    });

    it('never puts a secret into an error message or a log line (checked last)', () => {
      const secrets = collectSecrets(sim.credentials, sim.invalidCredentials, sim.wrongTypeCredentials);
      expect(secrets.length).toBeGreaterThan(0);
      expect(errors.length).toBeGreaterThan(0);
      expect(logger.lines.length).toBeGreaterThan(0);
      const texts = [...errors.flatMap((e) => errorTexts(e)), ...logger.lines];
      expect(findSecretLeaks(texts, secrets)).toEqual([]);
    });
  });
}
