import { Money, createCostRecord, parseMoney, ZERO, type CostRecord } from '@spendsync/domain';
import type { CeGroup, GetCostAndUsageOutput } from './raw';
import { classifyUsageType, editionModel, tokensPerUnit, type TokenType } from './usage-type';

/** Model bucket for credits AWS scopes to the Bedrock service rather than to a model. */
export const GENERAL_MODEL = 'bedrock-general';
/** Model bucket for Bedrock usage whose usage type names no model (storage, fees, new shapes). */
export const OTHER_MODEL = 'other';

/** Token counts of one record; `null` = some contribution's unit was unknown. */
type Tokens = Record<TokenType, number | null>;

type Cell = {
  day: string;
  account: string;
  model: string;
  cost: Money;
  /** Credits as Cost Explorer sends them: negative. */
  credit: Money;
  /** Refunds as Cost Explorer sends them: negative; they reduce cost on their day. */
  refund: Money;
  /** Discounts (every discount record type) as Cost Explorer sends them: negative. */
  discount: Money;
  discountKinds: Set<string>;
  hasUsage: boolean;
  tokens: Tokens | null;
};

/**
 * Which call a page came from: RECORD_TYPE `Usage`, `Credit`, `Refund` (all grouped by
 * LINKED_ACCOUNT × USAGE_TYPE) or one of the discount record types (grouped by
 * LINKED_ACCOUNT × RECORD_TYPE, so the kind is named; see {@link DISCOUNT_RECORD_TYPES}).
 */
export type RecordKind = 'usage' | 'credit' | 'refund' | 'discount';

/**
 * The RECORD_TYPE values that are discounts. Cost Explorer's RECORD_TYPE dimension ("the different
 * types of charges such as RI fees, usage costs, tax refunds, and credits", API_GetDimensionValues)
 * has no published closed list; these are the discount values seen in CE and CUR
 * (`line_item_line_item_type`: Discount, BundledDiscount, EdpDiscount, PrivateRateDiscount,
 * SavingsPlanNegation, DistributorDiscount) [spec: CUR data dictionary; field for CE]. They count
 * toward net cost like credits: net = cost − (credits + discounts).
 */
export const DISCOUNT_RECORD_TYPES = [
  'BundledDiscount',
  'Discount',
  'DistributorDiscount',
  'EdpDiscount',
  'PrivateRateDiscount',
  'SavingsPlanNegation',
] as const;

/**
 * Collects Cost Explorer groups (LINKED_ACCOUNT × USAGE_TYPE) from several calls into one record
 * per (day, account, model), so pages and the Usage/Credit calls can be merged without repeating a
 * grain. Pure: no I/O.
 */
export type BedrockAccumulator = {
  /** Adds one GetCostAndUsage page of the call for `service` and `kind`. */
  add(service: string, kind: RecordKind, page: GetCostAndUsageOutput): void;
  /** The records collected so far, sorted by day, account and model. */
  records(): CostRecord[];
  /** UsageQuantity units of token usage types that gave no token count, with how many groups had each. */
  unknownUnits(): ReadonlyMap<string, number>;
};

function addTokens(tokens: Tokens | null, type: TokenType, count: number | null): Tokens {
  const t = tokens ?? { input: 0, output: 0, 'cache-read': 0, 'cache-write': 0 };
  const current = t[type];
  return { ...t, [type]: current === null || count === null ? null : current + count };
}

/** Whole tokens from a UsageQuantity; null when the unit is not a token unit we know. */
export function tokenCount(amount: string | undefined, unit: string | undefined): number | null {
  const per = tokensPerUnit(unit);
  if (per === null || amount === undefined) return null;
  return parseMoney(amount).mul(per).toDecimalPlaces(0).toNumber();
}

function toRecord(cell: Cell, names: ReadonlyMap<string, string>): CostRecord {
  // Credits and discounts both offset cost. A reversal can leave a positive sum; it is then a
  // charge, so net stays exact. A refund is already part of cost (it reduces it on its day).
  const offsets = cell.credit.add(cell.discount).neg();
  const billed = cell.cost.add(cell.refund);
  const [cost, creditsApplied] = offsets.isNegative() ? [billed.sub(offsets), ZERO] : [billed, offsets];
  const discounts = Money.min(Money.max(cell.discount.neg(), ZERO), creditsApplied);
  const refunds = cell.refund.isNegative() ? cell.refund.neg() : ZERO;
  const t = cell.tokens;
  const sumInput =
    t && t.input !== null && t['cache-read'] !== null && t['cache-write'] !== null
      ? t.input + t['cache-read'] + t['cache-write']
      : null;
  return createCostRecord({
    provider: 'aws-bedrock',
    day: cell.day,
    workspaceId: cell.account,
    workspaceName: names.get(cell.account) ?? null,
    model: cell.model,
    chargeKind: cell.hasUsage || !cell.refund.isZero() ? 'usage' : 'credit',
    cost,
    creditsApplied,
    ...(refunds.isZero() ? {} : { refunds }),
    ...(discounts.isZero() ? {} : { discounts, discountKinds: [...cell.discountKinds].sort().join(', ') }),
    inputTokens: sumInput,
    outputTokens: t ? t.output : null,
    cachedInputTokens: t ? t['cache-read'] : null,
    cacheWriteTokens: t ? t['cache-write'] : null,
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Starts an empty accumulator. */
export function createBedrockAccumulator(): BedrockAccumulator {
  const cells = new Map<string, Cell>();
  const names = new Map<string, string>();
  const unknownUnits = new Map<string, number>();

  /** The model bucket of a group: discount groups name a record type, not a usage type. */
  const modelOf = (service: string, kind: RecordKind, second: string) => {
    if (kind === 'discount') return { model: editionModel(service) ?? GENERAL_MODEL, tokenType: null };
    const info = classifyUsageType(service, second);
    return { model: info.model ?? (kind === 'usage' ? OTHER_MODEL : GENERAL_MODEL), tokenType: info.tokenType };
  };

  const addGroup = (day: string, service: string, kind: RecordKind, group: CeGroup) => {
    const [account = '', second = ''] = group.Keys ?? [];
    const info = modelOf(service, kind, second);
    const model = info.model;
    const key = `${day}\u001f${account}\u001f${model}`;
    const cell = cells.get(key) ?? {
      day,
      account: account || 'unknown',
      model,
      cost: ZERO,
      credit: ZERO,
      refund: ZERO,
      discount: ZERO,
      discountKinds: new Set<string>(),
      hasUsage: false,
      tokens: null,
    };
    const metric = group.Metrics?.UnblendedCost;
    if (metric?.Unit && metric.Unit !== 'USD') throw new TypeError(`UnblendedCost in ${metric.Unit}, expected USD`);
    const amount = parseMoney(metric?.Amount ?? '0');
    if (kind === 'credit') cell.credit = cell.credit.add(amount);
    else if (kind === 'refund') cell.refund = cell.refund.add(amount);
    else if (kind === 'discount') {
      cell.discount = cell.discount.add(amount);
      if (!amount.isZero()) cell.discountKinds.add(second || 'Discount');
    } else {
      cell.cost = cell.cost.add(amount);
      cell.hasUsage = true;
      if (info.tokenType) {
        const quantity = group.Metrics?.UsageQuantity;
        const count = tokenCount(quantity?.Amount, quantity?.Unit);
        if (count === null) {
          const unit = quantity?.Unit ?? '(none)';
          unknownUnits.set(unit, (unknownUnits.get(unit) ?? 0) + 1);
        }
        cell.tokens = addTokens(cell.tokens, info.tokenType, count);
      }
    }
    cells.set(key, cell);
  };

  return {
    add(service, kind, page) {
      for (const attr of page.DimensionValueAttributes ?? []) {
        const name = attr.Attributes?.description;
        if (attr.Value && name) names.set(attr.Value, name);
      }
      for (const bucket of page.ResultsByTime ?? []) {
        for (const group of bucket.Groups ?? []) addGroup(bucket.TimePeriod.Start.slice(0, 10), service, kind, group);
      }
    },
    records() {
      return [...cells.values()]
        .sort((a, b) => compare(a.day, b.day) || compare(a.account, b.account) || compare(a.model, b.model))
        .map((cell) => toRecord(cell, names));
    },
    unknownUnits: () => unknownUnits,
  };
}
