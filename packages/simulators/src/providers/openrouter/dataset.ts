import { Money, ZERO, addDays, eachDay, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';
import { ACTIVITY_WINDOW_DAYS } from '@spendsync/adapters/wire/openrouter';

/**
 * A generated OpenRouter account for the simulator: workspaces, keys, models and their daily
 * activity. Money is held as integer units of 1e-8 USD so every sum is exact; cells are made
 * on demand from derived seeds, so a million-cell account costs nothing until it is read.
 */

/** USD per unit of the integer amounts below. */
export const UNITS_PER_USD = 100_000_000;

/** A model as OpenRouter names it, the endpoints serving it and its price per token (1e-8 USD). */
export type OpenRouterSimModel = {
  slug: string;
  permaslug: string;
  providers: readonly string[];
  inPrice: number;
  outPrice: number;
};

const CATALOGUE: readonly OpenRouterSimModel[] = [
  {
    slug: 'openai/gpt-4o',
    permaslug: 'openai/gpt-4o-2024-08-06',
    providers: ['OpenAI', 'Azure'],
    inPrice: 250,
    outPrice: 1000,
  },
  {
    slug: 'anthropic/claude-sonnet-4',
    permaslug: 'anthropic/claude-4-sonnet-20250522',
    providers: ['Anthropic', 'Google'],
    inPrice: 300,
    outPrice: 1500,
  },
  {
    slug: 'meta-llama/llama-3.3-70b-instruct:free',
    permaslug: 'meta-llama/llama-3.3-70b-instruct',
    providers: ['Together'],
    inPrice: 0,
    outPrice: 0,
  },
  {
    slug: 'google/gemini-2.5-flash',
    permaslug: 'google/gemini-2.5-flash',
    providers: ['Google AI Studio', 'Google'],
    inPrice: 30,
    outPrice: 250,
  },
  {
    slug: 'deepseek/deepseek-chat-v3-0324',
    permaslug: 'deepseek/deepseek-chat-v3-0324',
    providers: ['DeepSeek', 'Fireworks'],
    inPrice: 27,
    outPrice: 110,
  },
  {
    slug: 'mistralai/mistral-small-3.2-24b-instruct',
    permaslug: 'mistralai/mistral-small-3.2-24b-instruct-2506',
    providers: ['Mistral'],
    inPrice: 5,
    outPrice: 10,
  },
];

/** A key of the account. The deleted key is not listed but its past usage still counts. */
export type OpenRouterSimKey = {
  index: number;
  hash: string;
  secret: string;
  name: string;
  label: string;
  workspaceId: string;
  createdAt: string;
  disabled: boolean;
  /** Idle keys never spend; they are listed with zero usage. */
  active: boolean;
  listed: boolean;
};

/** One endpoint's share of a (day, key, model) cell; amounts in 1e-8 USD. */
export type ActivityPart = {
  model: OpenRouterSimModel;
  provider: string;
  requests: number;
  prompt: number;
  completion: number;
  reasoning: number;
  /** What OpenRouter charged (for BYOK: its fee only). */
  usage: number;
  /** Upstream cost of BYOK requests, paid by the user's own provider account. */
  byok: number;
};

/** The generated account. */
export type OpenRouterDataset = {
  /** Completed days with activity; always inside the 30-day window that ends at `today` (which has usage so far too). */
  readonly range: DayRange;
  /** The simulator's today: the day after the last day with data. */
  readonly today: Day;
  readonly keys: readonly OpenRouterSimKey[];
  /** The management key's secret (not a listed key). */
  readonly managementSecret: string;
  /** Activity parts of `day`, for one key or (null) the whole account. */
  partsOn(day: Day, keyIndex: number | null): ActivityPart[];
  /** Units a key spent on days in `range`. */
  keyUsage(keyIndex: number, range: DayRange): number;
  /** Cost of the completed days in `range` (what `/activity` serves; today so far is only in `/key`). */
  groundTruth(range: DayRange): GroundTruth;
};

/** A key's secret: `sk-or-v1-` and 64 hex characters. */
export const makeOpenRouterSecret = (random: Random) => `sk-or-v1-${random.hex(64)}`;

function modelAt(i: number): OpenRouterSimModel {
  const base = CATALOGUE[i % CATALOGUE.length] as OpenRouterSimModel;
  return i < CATALOGUE.length
    ? base
    : { ...base, slug: `${base.slug}-sim-${i}`, permaslug: `${base.permaslug}-sim-${i}` };
}

function makeKeys(seed: number, start: Day, workspaces: number, perWorkspace: number): OpenRouterSimKey[] {
  const random = createRandom(deriveSeed(seed, 'keys'));
  const keys: OpenRouterSimKey[] = [];
  for (let w = 0; w < workspaces; w++) {
    const workspaceId = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`;
    for (let i = 0; i <= perWorkspace; i++) {
      // The extra key of workspace 0 was deleted; the extra keys of the others never existed.
      if (i === perWorkspace && w > 0) break;
      const secret = makeOpenRouterSecret(random);
      keys.push({
        index: keys.length,
        hash: random.hex(64),
        secret,
        name:
          i === perWorkspace ? 'Deleted key' : `ws${w + 1}-${['prod', 'staging', 'ci', 'notebook'][i % 4]}-${i + 1}`,
        label: `${secret.slice(0, 12)}...${secret.slice(-3)}`,
        workspaceId,
        createdAt: `${addDays(start, -random.int(3, 200))}T08:30:00Z`,
        disabled: (w + i) % 5 === 4,
        active: i % 3 !== 2 || i === perWorkspace,
        listed: i < perWorkspace,
      });
    }
  }
  return keys;
}

/** Splits a cell between the model's endpoints by whole requests, remainders to the last. */
function splitCell(
  model: OpenRouterSimModel,
  cell: Omit<ActivityPart, 'model' | 'provider'>,
  random: Random,
): ActivityPart[] {
  const [first, second] = model.providers as [string, string | undefined];
  const share = second === undefined ? 0 : Math.floor((cell.requests * random.int(0, 100)) / 100);
  if (second === undefined || share === 0 || share === cell.requests)
    return [{ ...cell, model, provider: share === 0 && second ? second : first }];
  const part = (n: number) => Math.floor((n * share) / cell.requests);
  const a = {
    requests: share,
    prompt: part(cell.prompt),
    completion: part(cell.completion),
    reasoning: part(cell.reasoning),
    usage: part(cell.usage),
    byok: part(cell.byok),
  };
  const b = {
    requests: cell.requests - a.requests,
    prompt: cell.prompt - a.prompt,
    completion: cell.completion - a.completion,
    reasoning: cell.reasoning - a.reasoning,
    usage: cell.usage - a.usage,
    byok: cell.byok - a.byok,
  };
  return [
    { ...a, model, provider: first },
    { ...b, model, provider: second },
  ];
}

/** Builds the account for `options` (seed, start, days ≤ 30, workspaces, keysPerWorkspace, models, density). */
export function createOpenRouterDataset(options: SimulatorOptions = {}): OpenRouterDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range: DayRange = {
    start,
    end: addDays(start, Math.min(ACTIVITY_WINDOW_DAYS, Math.max(1, options.days ?? ACTIVITY_WINDOW_DAYS))),
  };
  const density = options.density ?? 0.7;
  const models = Array.from({ length: Math.max(1, options.models ?? 5) }, (_, i) => modelAt(i));
  const keys = makeKeys(seed, start, Math.max(1, options.workspaces ?? 2), Math.max(1, options.keysPerWorkspace ?? 3));
  const managementSecret = makeOpenRouterSecret(createRandom(deriveSeed(seed, 'management-key')));

  // Today (the day after the completed days) has usage so far too: `/activity` never serves it,
  // but a key's running totals in `/key` include it.
  const served: DayRange = { start: range.start, end: addDays(range.end, 1) };
  const cellParts = (day: Day, key: OpenRouterSimKey, model: OpenRouterSimModel, m: number): ActivityPart[] => {
    if (!key.active || day < served.start || day >= served.end) return [];
    const random = createRandom(deriveSeed(seed, 'cell', day, key.index, m));
    if (!random.chance(density)) return [];
    const requests = random.int(1, 300);
    const prompt = requests * random.int(150, 2500);
    const completion = requests * random.int(20, 700);
    const list = prompt * model.inPrice + completion * model.outPrice;
    // About one paid cell in six goes through the user's own provider key: OpenRouter bills a 5 % fee.
    const byok = list > 0 && random.chance(0.15) ? list : 0;
    const cell = {
      requests,
      prompt,
      completion,
      reasoning: Math.floor(completion / 10),
      usage: byok ? Math.floor(byok / 20) : list,
      byok,
    };
    return splitCell(model, cell, random);
  };

  const partsOn = (day: Day, keyIndex: number | null): ActivityPart[] => {
    const chosen = keyIndex === null ? keys : keys.filter((k) => k.index === keyIndex);
    return chosen.flatMap((key) => models.flatMap((model, m) => cellParts(day, key, model, m)));
  };

  const daysOf = (query: DayRange, bounds: DayRange = served): Day[] => {
    const from = query.start > bounds.start ? query.start : bounds.start;
    const to = query.end < bounds.end ? query.end : bounds.end;
    return from < to ? eachDay({ start: from, end: to }) : [];
  };
  // Key listings repeat each key's usage over many days; a number per (key, day) is cheap to keep.
  const spent = new Map<string, number>();
  const keyDayUsage = (keyIndex: number, day: Day): number => {
    const id = `${keyIndex}|${day}`;
    let units = spent.get(id);
    if (units === undefined) {
      units = partsOn(day, keyIndex).reduce((sum, p) => sum + p.usage, 0);
      spent.set(id, units);
    }
    return units;
  };
  const keyUsage = (keyIndex: number, query: DayRange) =>
    daysOf(query).reduce((sum, day) => sum + keyDayUsage(keyIndex, day), 0);
  // What `/activity` serves: completed days only (today's usage so far shows only in `/key`).
  const groundTruth = (query: DayRange): GroundTruth => {
    const units = daysOf(query, range).reduce(
      (sum, day) => sum + keys.reduce((s, k) => s + keyDayUsage(k.index, day), 0),
      0,
    );
    // Credits on OpenRouter are prepaid balance, never a discount on usage.
    return { cost: new Money(units).div(UNITS_PER_USD), credits: ZERO };
  };

  return { range, today: range.end, keys, managementSecret, partsOn, keyUsage, groundTruth };
}
