import { parseMoney, ZERO, type CostRecord, type Money } from '@spendsync/domain';
import type { CeGroup, GetCostAndUsageOutput } from './raw';
import { classifyUsageType, tokensPerUnit, type TokenType } from './usage-type';

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
  hasUsage: boolean;
  tokens: Tokens | null;
};

/** Which call a page came from: RECORD_TYPE Usage or Credit. */
export type RecordKind = 'usage' | 'credit';

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
  // A credit reversal can leave a positive credit sum; it is then a charge, so net stays exact.
  const credits = cell.credit.neg();
  const [cost, creditsApplied] = credits.isNegative() ? [cell.cost.sub(credits), ZERO] : [cell.cost, credits];
  const t = cell.tokens;
  const sumInput = t && t.input !== null && t['cache-read'] !== null && t['cache-write'] !== null ? t.input + t['cache-read'] + t['cache-write'] : null;
  return {
    provider: 'aws-bedrock',
    day: cell.day,
    workspaceId: cell.account,
    workspaceName: names.get(cell.account) ?? null,
    apiKeyId: null,
    apiKeyHint: null,
    apiKeyName: null,
    model: cell.model,
    chargeKind: cell.hasUsage ? 'usage' : 'credit',
    cost,
    creditsApplied,
    currency: 'USD',
    inputTokens: sumInput,
    outputTokens: t ? t.output : null,
    cachedInputTokens: t ? t['cache-read'] : null,
    cacheWriteTokens: t ? t['cache-write'] : null,
    requests: null,
    unit: null,
    quantity: null,
    mix: null,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Starts an empty accumulator. */
export function createBedrockAccumulator(): BedrockAccumulator {
  const cells = new Map<string, Cell>();
  const names = new Map<string, string>();

  const addGroup = (day: string, service: string, kind: RecordKind, group: CeGroup) => {
    const [account = '', usageType = ''] = group.Keys ?? [];
    const info = classifyUsageType(service, usageType);
    const model = info.model ?? (kind === 'credit' ? GENERAL_MODEL : OTHER_MODEL);
    const key = `${day}\u001f${account}\u001f${model}`;
    const cell = cells.get(key) ?? { day, account: account || 'unknown', model, cost: ZERO, credit: ZERO, hasUsage: false, tokens: null };
    const metric = group.Metrics?.UnblendedCost;
    if (metric?.Unit && metric.Unit !== 'USD') throw new TypeError(`UnblendedCost in ${metric.Unit}, expected USD`);
    const amount = parseMoney(metric?.Amount ?? '0');
    if (kind === 'credit') cell.credit = cell.credit.add(amount);
    else {
      cell.cost = cell.cost.add(amount);
      cell.hasUsage = true;
      if (info.tokenType) {
        const quantity = group.Metrics?.UsageQuantity;
        cell.tokens = addTokens(cell.tokens, info.tokenType, tokenCount(quantity?.Amount, quantity?.Unit));
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
  };
}
