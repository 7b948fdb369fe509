import {
  Money,
  ZERO,
  allocateCost,
  createCostRecord,
  type CostRecord,
  type Day,
  type DayRange,
} from '@spendsync/domain';
import {
  NO_KEY,
  indexCosts,
  indexUsage,
  splitCellKey,
  usageModels,
  type CellKey,
  type KeyUsage,
  type UsageIndex,
  type UsageKind,
} from './aggregate';
import type { CostsBucket, UsageBucket } from './raw';

/** Names and hints for ids, from the project and key listings (empty when those are unreadable). */
export type OpenAiDirectory = {
  projects: ReadonlyMap<string, string | null>;
  keys: ReadonlyMap<string, { name: string | null; hint: string | null }>;
};

export const EMPTY_DIRECTORY: OpenAiDirectory = { projects: new Map(), keys: new Map() };

/** Everything read for one window: costs buckets and the three usage listings. */
export type OpenAiWindow = {
  costs: readonly CostsBucket[];
  usage: Readonly<Record<UsageKind, readonly UsageBucket[]>>;
};

// Image models bill per image; their usage comes from the images endpoint, but a day may have
// cost without usage, so the name decides too.
const IMAGE_MODEL = /(^|[-/])(dall-e|gpt-image|image)/i;

const NO_USAGE: KeyUsage = {
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
  cacheWriteTokens: null,
  requests: null,
  images: null,
  mix: null,
};

type Cell = { day: Day; projectId: string | null; model: string };

function createRecord(
  cell: Cell,
  keyId: string,
  cost: Money,
  usage: KeyUsage,
  isImage: boolean,
  directory: OpenAiDirectory,
): CostRecord {
  const key = keyId === NO_KEY ? undefined : directory.keys.get(keyId);
  return createCostRecord({
    provider: 'openai',
    day: cell.day,
    workspaceId: cell.projectId,
    workspaceName: cell.projectId === null ? null : (directory.projects.get(cell.projectId) ?? null),
    apiKeyId: keyId === NO_KEY ? null : keyId,
    apiKeyHint: key?.hint ?? null,
    apiKeyName: key?.name ?? null,
    model: cell.model,
    chargeKind: isImage ? 'image' : 'usage',
    cost,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    requests: usage.requests,
    unit: isImage ? 'images' : null,
    quantity: isImage && usage.images !== null ? new Money(usage.images) : null,
    mix: usage.mix,
  });
}

/** Images for image models, all tokens for the rest: what a key's share of the cell's cost follows. */
const weightOf = (usage: KeyUsage, isImage: boolean): number =>
  isImage ? (usage.images ?? 0) : (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);

/**
 * One cell's records: its cost split over the keys that used the model that day, in proportion
 * to their usage (parts sum exactly to the cost). Without usage to split by, the cost stays at
 * project level (apiKeyId null). Usage without cost still gets records, at zero cost.
 */
function mapCell(
  cell: Cell,
  cost: { amount: Money; images: number | null } | undefined,
  keys: ReadonlyMap<string, KeyUsage>,
  isImage: boolean,
  directory: OpenAiDirectory,
): CostRecord[] {
  const amount = cost?.amount ?? ZERO;
  const entries = [...keys.entries()];
  const parts = amount.isZero()
    ? []
    : allocateCost(
        amount,
        entries.map(([key, usage]) => ({ key, weight: weightOf(usage, isImage) })),
      );
  const allocated = new Map(parts.map((p) => [p.key, p.amount]));
  const records = entries
    .filter(([key]) => !(parts.length === 0 && key === NO_KEY && !amount.isZero()))
    .map(([key, usage]) => createRecord(cell, key, allocated.get(key) ?? ZERO, usage, isImage, directory));
  if (parts.length === 0 && !amount.isZero()) {
    const own = keys.get(NO_KEY) ?? { ...NO_USAGE, images: cost?.images ?? null };
    records.push(createRecord(cell, NO_KEY, amount, own, isImage, directory));
  }
  return records;
}

/**
 * Maps one window of OpenAI costs and usage to records at (day, project, key, model) grain.
 * Model line items become `usage` (or `image`) records allocated to keys; other line items
 * (tools, storage…) stay whole at project level with chargeKind `other`.
 */
export function mapOpenAiWindow(window: OpenAiWindow, directory: OpenAiDirectory, range: DayRange): CostRecord[] {
  const usage: UsageIndex = indexUsage(window.usage, range);
  const costs = indexCosts(window.costs, usageModels(usage), range);
  const cells = new Set<CellKey>([...costs.models.keys(), ...usage.cells.keys()]);
  const records: CostRecord[] = [];
  for (const key of cells) {
    const cell = splitCellKey(key);
    const isImage = usage.imageModels.has(cell.model) || IMAGE_MODEL.test(cell.model);
    records.push(...mapCell(cell, costs.models.get(key), usage.cells.get(key) ?? new Map(), isImage, directory));
  }
  for (const [key, amount] of costs.other) {
    const cell = splitCellKey(key);
    records.push({ ...createRecord(cell, NO_KEY, amount, NO_USAGE, false, directory), chargeKind: 'other' });
  }
  return records;
}
