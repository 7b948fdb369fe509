import { Money, ZERO, addDays, eachDay, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';

type TokenKind = 'input' | 'output' | 'cache-read' | 'cache-write';

/** One billed model as Cost Explorer shows it: the service it bills under and its usage types. */
type SimModel = {
  service: string;
  usageType: (kind: TokenKind) => string;
  kinds: readonly TokenKind[];
  /** UsageQuantity unit; `N/A` leaves the token count unknown to the adapter. */
  unit: '1K tokens' | '1M tokens' | 'N/A';
  /** USD per 1,000 tokens of each kind. */
  pricePerK: Record<TokenKind, string>;
};

const MP_NAMES: Record<TokenKind, string> = {
  input: 'InputTokenCount',
  output: 'OutputTokenCount',
  'cache-read': 'CacheReadInputTokenCount',
  'cache-write': 'CacheWriteInputTokenCount',
};
const STD_NAMES: Record<TokenKind, string> = {
  input: 'input-tokens',
  output: 'output-tokens',
  'cache-read': 'cache-read-input-token-count',
  'cache-write': 'cache-write-input-token-count',
};
const CLAUDE_PRICES = { input: '0.003', output: '0.015', 'cache-read': '0.0003', 'cache-write': '0.00375' };
const ALL: readonly TokenKind[] = ['input', 'output', 'cache-read', 'cache-write'];
const IN_OUT: readonly TokenKind[] = ['input', 'output'];

/**
 * The models the simulated organization uses, covering the usage-type shapes AWS documents:
 * standard, cross-region, tiered, mantle, and Marketplace services named per model (one of
 * which, Claude Sonnet 4.6, also bills under "Amazon Bedrock", so both spellings must merge).
 */
export const SIM_MODELS: readonly SimModel[] = [
  {
    service: 'Amazon Bedrock',
    usageType: (k) => `USE1-Claude4.6Sonnet-${STD_NAMES[k]}${k === 'output' ? '-cross-region-global' : ''}`,
    kinds: ALL,
    unit: '1K tokens',
    pricePerK: CLAUDE_PRICES,
  },
  {
    service: 'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
    usageType: (k) => `USE1-MP:USE1_${MP_NAMES[k]}-Units`,
    kinds: ['input', 'output', 'cache-read'],
    unit: '1M tokens',
    pricePerK: CLAUDE_PRICES,
  },
  {
    service: 'Amazon Bedrock',
    usageType: (k) => `USE1-NovaPro-${STD_NAMES[k]}`,
    kinds: IN_OUT,
    unit: '1K tokens',
    pricePerK: { ...CLAUDE_PRICES, input: '0.0008', output: '0.0032' },
  },
  {
    service: 'Amazon Bedrock',
    usageType: (k) => `USW2-Nova2.0Lite-${STD_NAMES[k]}-flex`,
    kinds: IN_OUT,
    unit: '1K tokens',
    pricePerK: { ...CLAUDE_PRICES, input: '0.00003', output: '0.00012' },
  },
  {
    service: 'Amazon Bedrock',
    usageType: (k) => `USE1-openai.gpt-oss-120b-mantle-${STD_NAMES[k]}-standard`,
    kinds: IN_OUT,
    unit: 'N/A',
    pricePerK: { ...CLAUDE_PRICES, input: '0.00015', output: '0.0006' },
  },
  {
    service: 'Claude Sonnet 4.6 (Amazon Bedrock Edition)',
    usageType: (k) => `USE1-MP:USE1_${STD_NAMES[k].replace(/-/g, '_')}_standard-Units`,
    kinds: IN_OUT,
    unit: '1M tokens',
    pricePerK: CLAUDE_PRICES,
  },
];

/** A Bedrock usage type that names no model: billed to the `other` bucket. */
export const STORAGE_USAGE_TYPE = 'USE1-CustomModelStorage-ModelUnit-Month';
/** Services the search "Bedrock" also finds, which are not model spend. */
export const DECOY_SERVICES = ['Amazon Bedrock AgentCore'];

/**
 * One Cost Explorer group of a day for one account and usage type: Usage (positive), or Credit,
 * Refund or a discount record type (negative).
 */
export type SimRow = {
  account: string;
  service: string;
  usageType: string;
  recordType:
    | 'Usage'
    | 'SavingsPlanCoveredUsage'
    | 'Credit'
    | 'Refund'
    | 'EdpDiscount'
    | 'BundledDiscount'
    | 'SavingsPlanNegation';
  cost: Money;
  quantity: Money;
  unit: string;
};

export type SimAccount = { id: string; name: string };

export type BedrockDataset = {
  readonly range: DayRange;
  readonly accounts: readonly SimAccount[];
  /** Service names with Bedrock spend (the adapter must read all of them). */
  readonly services: readonly string[];
  /** Every group of `day`, in a stable order; empty outside the data range. */
  rows(day: Day): readonly SimRow[];
  groundTruth(range: DayRange): GroundTruth;
};

const money = (micros: number) => new Money(micros).div(1_000_000);

/**
 * Refunds and discounts of one account's day (their own random stream, so the usage and credits
 * above stay as they were): a refund of part of one model's usage, on its usage type (a refund
 * reduces cost on its day); an EDP (private pricing) discount of a few percent on every model; now
 * and then a bundled discount on one Marketplace model, and usage covered by a Savings Plan (at the
 * on-demand rate) with the negation that cancels it.
 */
function adjustments(seed: number, day: Day, a: number, used: readonly SimRow[]): SimRow[] {
  const rng = createRandom(deriveSeed(seed, 'adjustments', day, a));
  const out: SimRow[] = [];
  const share = (row: SimRow, low: number, high: number) =>
    row.cost.mul(rng.int(low, high)).div(100).toDecimalPlaces(6).neg();
  const refunded = used.length > 0 && rng.chance(0.15) ? used[rng.int(0, used.length - 1)] : undefined;
  if (refunded)
    out.push({ ...refunded, recordType: 'Refund', cost: share(refunded, 10, 100), quantity: ZERO, unit: 'N/A' });
  if (rng.chance(0.5))
    for (const row of used)
      out.push({
        ...row,
        recordType: 'EdpDiscount',
        cost: row.cost.mul(3).div(100).toDecimalPlaces(6).neg(),
        quantity: ZERO,
        unit: 'N/A',
      });
  const marketplace = used.find((r) => r.service !== 'Amazon Bedrock');
  if (marketplace && rng.chance(0.2))
    out.push({
      ...marketplace,
      recordType: 'BundledDiscount',
      cost: share(marketplace, 1, 20),
      quantity: ZERO,
      unit: 'N/A',
    });
  const covered = used.find((r) => r.service === 'Amazon Bedrock' && r.unit !== 'N/A');
  if (covered && rng.chance(0.1)) {
    const tokens = rng.int(1, 400) * 250;
    const cost = new Money(tokens).div(1000).mul('0.0008');
    out.push({
      ...covered,
      recordType: 'SavingsPlanCoveredUsage',
      cost,
      quantity: new Money(tokens).div(covered.unit === '1M tokens' ? 1_000_000 : 1_000),
    });
    out.push({ ...covered, recordType: 'SavingsPlanNegation', cost: cost.neg(), quantity: ZERO, unit: 'N/A' });
  }
  return out;
}

/** The deterministic organization behind the Cost Explorer simulator, generated a day at a time. */
export function createBedrockDataset(options: SimulatorOptions = {}): BedrockDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range = { start, end: addDays(start, options.days ?? 31) };
  const models = SIM_MODELS.slice(0, Math.max(1, Math.min(SIM_MODELS.length, options.models ?? SIM_MODELS.length)));
  const density = options.density ?? 0.7;
  const accounts = Array.from({ length: Math.max(1, options.workspaces ?? 3) }, (_, i) => {
    const rng = createRandom(deriveSeed(seed, 'account', i));
    return {
      id: String(100_000_000_000 + rng.int(0, 899_999_999_999)),
      name: `Team ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`,
    };
  });
  const cache = new Map<Day, readonly SimRow[]>();

  const generate = (day: Day): SimRow[] => {
    const rows: SimRow[] = [];
    for (const [a, account] of accounts.entries()) {
      const used: SimRow[] = [];
      for (const [m, model] of models.entries()) {
        const rng = createRandom(deriveSeed(seed, 'cell', day, a, m));
        if (!rng.chance(density)) continue;
        for (const kind of model.kinds) {
          const tokens = rng.int(1, 4000) * 250 + (kind === 'input' ? rng.int(0, 999) : 0);
          const per = model.unit === '1M tokens' ? 1_000_000 : 1_000;
          const row: SimRow = {
            account: account.id,
            service: model.service,
            usageType: model.usageType(kind),
            recordType: 'Usage',
            cost: new Money(tokens).div(1000).mul(model.pricePerK[kind]),
            quantity: new Money(tokens).div(per),
            unit: model.unit,
          };
          used.push(row);
        }
      }
      rows.push(...used);
      const rng = createRandom(deriveSeed(seed, 'extra', day, a));
      if (rng.chance(0.2))
        rows.push({
          account: account.id,
          service: 'Amazon Bedrock',
          usageType: STORAGE_USAGE_TYPE,
          recordType: 'Usage',
          cost: money(rng.int(1_000, 1_950_000)),
          quantity: new Money(1),
          unit: 'ModelUnit-Month',
        });
      const target = used.length > 0 && rng.chance(0.4) ? used[rng.int(0, used.length - 1)] : undefined;
      // A credit AWS ties to one model's usage type: a share of that usage, never more.
      if (target)
        rows.push({
          ...target,
          recordType: 'Credit',
          cost: target.cost.mul(rng.int(5, 60)).div(100).toDecimalPlaces(6).neg(),
          quantity: ZERO,
          unit: 'N/A',
        });
      // A credit AWS scopes to the Bedrock service only (no model): the adapter's `bedrock-general`.
      if (rng.chance(0.3))
        rows.push({
          account: account.id,
          service: 'Amazon Bedrock',
          usageType: rng.chance(0.5) ? '' : 'NoUsageType',
          recordType: 'Credit',
          cost: money(rng.int(50_000, 5_000_000)).neg(),
          quantity: ZERO,
          unit: 'N/A',
        });
      rows.push(...adjustments(seed, day, a, used));
    }
    return rows;
  };

  const rows = (day: Day): readonly SimRow[] => {
    if (day < range.start || day >= range.end) return [];
    let found = cache.get(day);
    if (!found) {
      found = generate(day);
      if (cache.size >= 64) cache.delete(cache.keys().next().value as Day);
      cache.set(day, found);
    }
    return found;
  };

  return {
    range,
    accounts,
    services: [...new Set(['Amazon Bedrock', ...models.map((m) => m.service)])].sort(),
    rows,
    groundTruth(query) {
      let cost: Money = ZERO;
      let credits: Money = ZERO;
      for (const day of eachDay(query)) {
        for (const row of rows(day)) {
          // Refunds reduce cost; credits and every discount type are credits applied.
          if (row.recordType === 'Usage' || row.recordType === 'SavingsPlanCoveredUsage' || row.recordType === 'Refund')
            cost = cost.add(row.cost);
          else credits = credits.sub(row.cost);
        }
      }
      return { cost, credits };
    },
  };
}
