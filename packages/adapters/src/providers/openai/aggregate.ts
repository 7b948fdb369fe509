import { ZERO, dayOf, parseMoney, rangeContains, type Day, type DayRange, type Money } from '@spendsync/domain';
import { AdapterError } from '../../errors';
import type { CostsBucket, UsageBucket, UsageResult } from './raw';

/** The usage endpoints we read. */
export const USAGE_KINDS = ['completions', 'embeddings', 'images'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/** Stands for "no API key" (usage outside any key, or cost kept at project level). */
export const NO_KEY = '';

/** Usage of one key (or NO_KEY) for one (day, project, model), summed over its results. */
export type KeyUsage = {
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  requests: number | null;
  images: number | null;
  /** Image counts by size and by source. */
  mix: Record<'size' | 'source', Record<string, number>> | null;
};

/** `day \u001f project \u001f model`: the cell cost is reported and allocated at. */
export type CellKey = string;

export const cellKey = (day: Day, projectId: string | null, model: string): CellKey =>
  [day, projectId ?? '', model].join('\u001f');

export function splitCellKey(key: CellKey): { day: Day; projectId: string | null; model: string } {
  const [day = '', project = '', model = ''] = key.split('\u001f');
  return { day, projectId: project === '' ? null : project, model };
}

/** The UTC day a 1d bucket covers, or undefined when it lies outside `range`. */
export function bucketDay(bucket: { start_time: number }, range: DayRange): Day | undefined {
  const day = dayOf(new Date(bucket.start_time * 1000));
  return rangeContains(range, day) ? day : undefined;
}

const add = (a: number | null, b: number | null | undefined): number | null =>
  b === null || b === undefined ? a : (a ?? 0) + b;

function addResult(into: KeyUsage, r: UsageResult): void {
  into.inputTokens = add(into.inputTokens, r.input_tokens);
  into.outputTokens = add(into.outputTokens, r.output_tokens);
  into.cachedInputTokens = add(into.cachedInputTokens, r.input_cached_tokens);
  into.cacheWriteTokens = add(into.cacheWriteTokens, r.input_cache_write_tokens);
  into.requests = add(into.requests, r.num_model_requests);
  if (r.images === null || r.images === undefined) return;
  into.images = add(into.images, r.images);
  into.mix ??= { size: {}, source: {} };
  if (r.size) into.mix.size[r.size] = (into.mix.size[r.size] ?? 0) + r.images;
  if (r.source) into.mix.source[r.source] = (into.mix.source[r.source] ?? 0) + r.images;
}

const emptyUsage = (): KeyUsage => ({
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
  cacheWriteTokens: null,
  requests: null,
  images: null,
  mix: null,
});

/** Usage per cell and key, merged over endpoints and pages; plus the models that made images. */
export type UsageIndex = { cells: Map<CellKey, Map<string, KeyUsage>>; imageModels: Set<string> };

export function indexUsage(usage: Readonly<Record<UsageKind, readonly UsageBucket[]>>, range: DayRange): UsageIndex {
  const cells = new Map<CellKey, Map<string, KeyUsage>>();
  const imageModels = new Set<string>();
  for (const kind of USAGE_KINDS) {
    for (const bucket of usage[kind]) {
      const day = bucketDay(bucket, range);
      if (day === undefined) continue;
      for (const result of bucket.results) {
        const model = result.model || 'unknown';
        if (kind === 'images') imageModels.add(model);
        const key = cellKey(day, result.project_id ?? null, model);
        const keys = cells.get(key) ?? new Map<string, KeyUsage>();
        cells.set(key, keys);
        const keyId = result.api_key_id || NO_KEY;
        const into = keys.get(keyId) ?? emptyUsage();
        keys.set(keyId, into);
        addResult(into, result);
      }
    }
  }
  return { cells, imageModels };
}

/** A cost line item read as a model's charge or as something else (tools, storage…). */
export type LineItem = { kind: 'model'; model: string } | { kind: 'other'; name: string };

// Model ids have no spaces ("gpt-4o-2024-08-06", "ft:gpt-4o-mini:org::id"); tool and storage
// line items are phrases ("web search tool calls").
const MODEL_ID = /^[A-Za-z0-9][\w.:/-]*$/;

/** Reads `"gpt-4o-2024-08-06, cached input"` as model `gpt-4o-2024-08-06`; other text stays whole. */
export function parseLineItem(lineItem: string | null | undefined, knownModels: ReadonlySet<string>): LineItem {
  const text = lineItem?.trim() || 'unspecified';
  const comma = text.indexOf(',');
  const head = (comma === -1 ? text : text.slice(0, comma)).trim();
  if (knownModels.has(head) || (comma !== -1 && MODEL_ID.test(head))) return { kind: 'model', model: head };
  return { kind: 'other', name: text };
}

/** Cost per model cell (with the images the line items counted) and per non-model line item. */
export type CostIndex = {
  models: Map<CellKey, { amount: Money; images: number | null }>;
  /** Keyed by cellKey(day, project, line item text). */
  other: Map<CellKey, Money>;
};

export function indexCosts(
  buckets: readonly CostsBucket[],
  knownModels: ReadonlySet<string>,
  range: DayRange,
): CostIndex {
  const models: CostIndex['models'] = new Map();
  const other: CostIndex['other'] = new Map();
  for (const bucket of buckets) {
    const day = bucketDay(bucket, range);
    if (day === undefined) continue;
    for (const result of bucket.results) {
      if (result.amount.currency.toLowerCase() !== 'usd') {
        throw new AdapterError(
          'openai',
          'INVALID_RESPONSE',
          `OpenAI: costs came in "${result.amount.currency}"; only USD is supported`,
        );
      }
      const amount = parseMoney(result.amount.value);
      const item = parseLineItem(result.line_item, knownModels);
      const project = result.project_id ?? null;
      if (item.kind === 'other') {
        const key = cellKey(day, project, item.name);
        other.set(key, (other.get(key) ?? ZERO).add(amount));
        continue;
      }
      const key = cellKey(day, project, item.model);
      const cell = models.get(key) ?? { amount: ZERO, images: null };
      cell.amount = cell.amount.add(amount);
      if (result.quantity_unit === 'images' && typeof result.quantity === 'number')
        cell.images = (cell.images ?? 0) + result.quantity;
      models.set(key, cell);
    }
  }
  return { models, other };
}

/** Every model seen in usage, so cost line items naming them are read as models. */
export function usageModels(index: UsageIndex): Set<string> {
  const models = new Set<string>();
  for (const key of index.cells.keys()) models.add(splitCellKey(key).model);
  return models;
}
