import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ZERO, addDays, eachDay, formatMoney, sumMoney, type CostRecord, type DayRange } from '@spendsync/domain';
import {
  catchAdapterError,
  collectRecords,
  createCapturingLogger,
  createTestDeps,
} from '../../testing/contract-helpers';
import type { ProviderSimulator, SimulatorOptions } from '../../testing/provider-simulator';
import { createBedrockDataset } from '@spendsync/simulators/providers/aws-bedrock/dataset';
import { awsBedrockProvider } from './index';
import { GENERAL_MODEL, OTHER_MODEL } from './map';
import { deniedCredentials, startAwsBedrockSimulator } from '@spendsync/simulators/providers/aws-bedrock/simulator';

const OPTIONS: SimulatorOptions = { seed: 7, start: '2026-01-20', days: 20, workspaces: 3, pageSize: 4 };

describe('AWS Bedrock adapter against the Cost Explorer simulator', () => {
  let sim: ProviderSimulator;
  const adapter = (credentials: Record<string, unknown> = sim.credentials) =>
    awsBedrockProvider.create(awsBedrockProvider.credentials.parse(credentials), createTestDeps(sim));

  let records: CostRecord[];
  beforeAll(async () => {
    sim = await startAwsBedrockSimulator(OPTIONS);
    ({ records } = await collectRecords(adapter(), sim.dataRange));
  });
  afterAll(() => sim.close());

  it('captures every model of both service spellings, credits and bedrock-general, to the ground truth', () => {
    const truth = sim.groundTruth(sim.dataRange);
    expect(truth.credits.isZero()).toBe(false);
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe(formatMoney(truth.cost));
    expect(formatMoney(sumMoney(records.map((r) => r.creditsApplied)))).toBe(formatMoney(truth.credits));
    expect(new Set(records.map((r) => r.model))).toEqual(
      new Set([
        'claude-sonnet-4.6',
        'claude-sonnet-3.5',
        'nova-pro',
        'nova-2.0-lite',
        'gpt-oss-120b',
        OTHER_MODEL,
        GENERAL_MODEL,
      ]),
    );
    expect(new Set(records.map((r) => r.workspaceName))).toEqual(new Set(['Team A', 'Team B', 'Team C']));
  });

  it('puts exactly the service-scoped credits into bedrock-general, per day', () => {
    const dataset = createBedrockDataset(OPTIONS);
    for (const day of eachDay(sim.dataRange)) {
      // Service-scoped credits, and the discounts of the "Amazon Bedrock" service (discounts are read by record type, not usage type).
      const expected = dataset
        .rows(day)
        .filter((r) =>
          r.recordType === 'Credit'
            ? r.usageType === '' || r.usageType === 'NoUsageType'
            : !['Usage', 'SavingsPlanCoveredUsage', 'Refund'].includes(r.recordType) && r.service === 'Amazon Bedrock',
        );
      const general = records.filter((r) => r.day === day && r.model === GENERAL_MODEL);
      expect(formatMoney(sumMoney(general.map((r) => r.creditsApplied)))).toBe(
        formatMoney(sumMoney(expected.map((r) => r.cost.neg()))),
      );
      expect(general.every((r) => r.chargeKind === 'credit' && r.cost.isZero())).toBe(true);
    }
  });

  it('attributes model-scoped credits to the model they offset', () => {
    const modelCredits = records.filter((r) => r.model !== GENERAL_MODEL && !r.creditsApplied.isZero());
    expect(modelCredits.length).toBeGreaterThan(0);
    // A model credit never exceeds that model's cost of the day before refunds.
    for (const r of modelCredits)
      expect(r.cost.add(r.refunds ?? 0).gte(r.creditsApplied.sub(r.discounts ?? 0))).toBe(true);
  });

  it('reads refunds into the cost of their model and discounts into credits with their kinds', () => {
    const refunded = records.filter((r) => r.refunds && !r.refunds.isZero());
    const discounted = records.filter((r) => r.discounts && !r.discounts.isZero());
    expect(refunded.length).toBeGreaterThan(0);
    expect(discounted.length).toBeGreaterThan(0);
    expect(new Set(discounted.flatMap((r) => (r.discountKinds ?? '').split(', ')))).toEqual(
      new Set(['BundledDiscount', 'EdpDiscount', 'SavingsPlanNegation']),
    );
    for (const r of discounted) expect(r.discounts!.lte(r.creditsApplied)).toBe(true);
  });

  it('leaves tokens unknown for a UsageQuantity unit it does not know, and says so in the sync log', async () => {
    const logger = createCapturingLogger();
    const { records: listed } = await collectRecords(
      awsBedrockProvider.create(awsBedrockProvider.credentials.parse(sim.credentials), createTestDeps(sim, logger)),
      sim.dataRange,
    );
    // gpt-oss-120b comes with unit N/A in the simulator (as when Cost Explorer mixes units).
    expect(
      listed.filter((r) => r.model === 'gpt-oss-120b').every((r) => r.inputTokens === null && r.outputTokens === null),
    ).toBe(true);
    expect(logger.lines.some((l) => /^warn AWS Bedrock: \d+ token usage group\(s\).*unit "N\/A"/.test(l))).toBe(true);
  });

  it('merges the Claude Sonnet 4.6 usage billed under both services into one record per day and account', () => {
    const claude = records.filter((r) => r.model === 'claude-sonnet-4.6');
    expect(new Set(claude.map((r) => `${r.day}|${r.workspaceId}`)).size).toBe(claude.length);
    expect(
      claude.every(
        (r) => r.inputTokens !== null && r.inputTokens >= (r.cachedInputTokens ?? 0) + (r.cacheWriteTokens ?? 0),
      ),
    ).toBe(true);
  });

  it('splits long ranges into windows of at most 31 days and totals them exactly', async () => {
    const range: DayRange = { start: addDays(sim.dataRange.start, -40), end: sim.dataRange.end };
    const from = sim.calls.length;
    const long = await collectRecords(adapter(), range);
    const truth = sim.groundTruth(range);
    expect(formatMoney(sumMoney(long.records.map((r) => r.cost)))).toBe(formatMoney(truth.cost));
    expect(sim.calls.length - from).toBeGreaterThan(2);
  });

  it('returns no records for a window without data', async () => {
    const idle = await collectRecords(adapter(), { start: '2025-01-01', end: '2025-01-05' });
    expect(idle.records).toEqual([]);
    expect(sim.groundTruth({ start: '2025-01-01', end: '2025-01-05' })).toEqual({ cost: ZERO, credits: ZERO });
  });

  it('lists linked accounts as workspaces, named', async () => {
    const workspaces = await adapter().listWorkspaces?.();
    expect(workspaces?.map((w) => w.name)).toEqual(['Team A', 'Team B', 'Team C']);
  });

  it('reports an IAM user without ce:GetCostAndUsage as CREDENTIAL_REJECTED, naming the permission', async () => {
    const error = await catchAdapterError(adapter(deniedCredentials(OPTIONS.seed)).verify(), 'CREDENTIAL_REJECTED');
    expect(error.message).toMatch(/ce:GetCostAndUsage/);
    const listing = await catchAdapterError(
      collectRecords(adapter(deniedCredentials(OPTIONS.seed)), sim.dataRange),
      'CREDENTIAL_REJECTED',
    );
    expect(listing.message).toMatch(/Cost Explorer must be enabled/);
  });
});
