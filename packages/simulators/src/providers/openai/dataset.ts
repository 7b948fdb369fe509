import { Money, addDays, daysBetween, type Day, type DayRange } from '@spendsync/domain';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';
import type { SimulatorOptions } from '../../simulator/provider-simulator';

/** A model the simulated organization uses; prices in micro-dollars per 1M tokens or per image. */
type ModelSpec =
  | { name: string; kind: 'completion'; input: number; cached: number; output: number; cacheWrite?: boolean }
  | { name: string; kind: 'embedding'; input: number }
  | { name: string; kind: 'image'; perImage: Record<string, number> };

// Ordered so that any 3 models cover completions, images and embeddings.
const CATALOG: readonly ModelSpec[] = [
  { name: 'gpt-4o-2024-08-06', kind: 'completion', input: 2_500_000, cached: 1_250_000, output: 10_000_000 },
  { name: 'gpt-image-1', kind: 'image', perImage: { '1024x1024': 42_000, '1024x1536': 63_000, '1536x1024': 63_000 } },
  { name: 'text-embedding-3-small', kind: 'embedding', input: 20_000 },
  { name: 'gpt-4o-mini-2024-07-18', kind: 'completion', input: 150_000, cached: 75_000, output: 600_000 },
  {
    name: 'gpt-5-2025-08-07',
    kind: 'completion',
    input: 1_250_000,
    cached: 125_000,
    output: 10_000_000,
    cacheWrite: true,
  },
  { name: 'dall-e-3', kind: 'image', perImage: { '1024x1024': 40_000, '1024x1792': 80_000, '1792x1024': 80_000 } },
  { name: 'text-embedding-3-large', kind: 'embedding', input: 130_000 },
  { name: 'gpt-4.1-2025-04-14', kind: 'completion', input: 2_000_000, cached: 500_000, output: 8_000_000 },
  { name: 'gpt-4.1-mini-2025-04-14', kind: 'completion', input: 400_000, cached: 100_000, output: 1_600_000 },
  {
    name: 'o4-mini-2025-04-16',
    kind: 'completion',
    input: 1_100_000,
    cached: 275_000,
    output: 4_400_000,
    cacheWrite: true,
  },
  { name: 'gpt-4.1-nano-2025-04-14', kind: 'completion', input: 100_000, cached: 25_000, output: 400_000 },
  { name: 'o3-2025-04-16', kind: 'completion', input: 2_000_000, cached: 500_000, output: 8_000_000 },
  {
    name: 'gpt-5-mini-2025-08-07',
    kind: 'completion',
    input: 250_000,
    cached: 25_000,
    output: 2_000_000,
    cacheWrite: true,
  },
  { name: 'o3-mini-2025-01-31', kind: 'completion', input: 1_100_000, cached: 550_000, output: 4_400_000 },
  {
    name: 'gpt-4o-audio-preview-2024-12-17',
    kind: 'completion',
    input: 2_500_000,
    cached: 1_250_000,
    output: 10_000_000,
  },
];

const PROJECT_NAMES = [
  'Default project',
  'Search',
  'Support bot',
  'Data pipeline',
  'Marketing site',
  'Internal tools',
  'Mobile app',
  'Research',
];
const SOURCES = ['image.generation', 'image.edit', 'image.variation'];
/** A model that bills but never shows in usage: its cost stays at project level. */
const ORPHAN_MODEL = 'gpt-3.5-turbo-0125';

/** A usage row at the finest grain: (project, key or null, model, size?, source?). */
export type UsageRow = {
  project_id: string;
  api_key_id: string | null;
  model: string;
  endpoint: 'completions' | 'embeddings' | 'images';
  input_tokens?: number;
  output_tokens?: number;
  input_cached_tokens?: number;
  input_cache_write_tokens?: number;
  images?: number;
  size?: string;
  source?: string;
  num_model_requests: number;
};

/** A cost row: one (project, line item) amount in integer micro-dollars. */
export type CostRow = {
  project_id: string;
  line_item: string;
  micros: number;
  quantity: number | null;
  quantity_unit: string | null;
};

export type DayData = { usage: UsageRow[]; costs: CostRow[] };

export type SimProject = { id: string; name: string; createdAt: number; keys: SimKey[] };
export type SimKey = { id: string; name: string; redacted: string; createdAt: number };

/** The generated organization: projects and keys up front, each day's data on demand. */
export type OpenAiDataset = {
  readonly range: DayRange;
  readonly projects: readonly SimProject[];
  readonly adminKey: string;
  readonly invalidKey: string;
  readonly scopelessKey: string;
  /** Usage and cost rows of `day` (empty outside the range); cached for recent days. */
  day(day: Day): DayData;
  /** Exact sum of every cost amount served for days in `range`. */
  totalCost(range: DayRange): Money;
};

function modelAt(index: number): ModelSpec {
  return (
    CATALOG[index] ?? {
      name: `ft:gpt-4o-mini-2024-07-18:acme::sim${index}`,
      kind: 'completion',
      input: 300_000,
      cached: 150_000,
      output: 1_200_000,
    }
  );
}

function usageFor(model: ModelSpec, rng: Random): Omit<UsageRow, 'project_id' | 'api_key_id' | 'model'>[] {
  if (model.kind === 'embedding')
    return [{ endpoint: 'embeddings', input_tokens: rng.int(1_000, 5_000_000), num_model_requests: rng.int(1, 3_000) }];
  if (model.kind === 'image') {
    const sizes = Object.keys(model.perImage);
    const picks = new Map<string, number>();
    for (let n = rng.int(1, 3); n > 0; n--) picks.set(`${rng.pick(sizes)}|${rng.pick(SOURCES)}`, rng.int(1, 40));
    return [...picks].map(([combo, images]) => {
      const [size, source] = combo.split('|');
      return { endpoint: 'images', images, size, source, num_model_requests: rng.int(1, images) };
    });
  }
  const input = rng.int(1_000, 2_000_000);
  const cached = rng.int(0, Math.floor(input / 2));
  const row: Omit<UsageRow, 'project_id' | 'api_key_id' | 'model'> = {
    endpoint: 'completions',
    input_tokens: input,
    output_tokens: rng.int(100, Math.floor(input / 2)),
    input_cached_tokens: cached,
    num_model_requests: rng.int(1, 2_000),
  };
  if (model.cacheWrite) row.input_cache_write_tokens = rng.int(0, Math.floor((input - cached) / 10));
  return [row];
}

/**
 * A usual day of `model` for one key: the middle of each range `usageFor` draws from. An injected
 * spike is `factor` times this, not times the day's own draw, which can be near the bottom of its
 * range (25 × a 52,000-token draw is no spike against days of a million and more).
 */
function usualUsage(model: ModelSpec): Omit<UsageRow, 'project_id' | 'api_key_id' | 'model'> {
  if (model.kind === 'embedding') return { endpoint: 'embeddings', input_tokens: 2_500_500, num_model_requests: 1_500 };
  if (model.kind === 'image') {
    const [size] = Object.keys(model.perImage);
    return { endpoint: 'images', images: 20, size, source: SOURCES[0], num_model_requests: 10 };
  }
  const input = 1_000_500;
  const row: Omit<UsageRow, 'project_id' | 'api_key_id' | 'model'> = {
    endpoint: 'completions',
    input_tokens: input,
    output_tokens: Math.floor(input / 4),
    input_cached_tokens: Math.floor(input / 4),
    num_model_requests: 1_000,
  };
  if (model.cacheWrite) row.input_cache_write_tokens = Math.floor((input - row.input_cached_tokens!) / 20);
  return row;
}

/** Usage multiplied by `factor` (an injected spike): tokens, images and requests. */
function scaleUsage<T extends Partial<UsageRow>>(row: T, factor: number): T {
  const scaled: Partial<UsageRow> = { ...row };
  for (const field of [
    'input_tokens',
    'output_tokens',
    'input_cached_tokens',
    'input_cache_write_tokens',
    'images',
    'num_model_requests',
  ] as const) {
    if (scaled[field] !== undefined) scaled[field] = Math.round(scaled[field] * factor);
  }
  return scaled as T;
}

/** Line items of one project's use of one model that day, priced from the summed usage. */
function lineItems(project: string, model: ModelSpec, rows: UsageRow[]): CostRow[] {
  const sum = (f: (r: UsageRow) => number | undefined) => rows.reduce((t, r) => t + (f(r) ?? 0), 0);
  const item = (part: string, quantity: number, micros: number, unit: string): CostRow => ({
    project_id: project,
    line_item: `${model.name}, ${part}`,
    micros: Math.round(micros),
    quantity,
    quantity_unit: unit,
  });
  if (model.kind === 'image') {
    return [
      item(
        'output',
        sum((r) => r.images),
        sum((r) => (r.images ?? 0) * (model.perImage[r.size ?? ''] ?? 0)),
        'images',
      ),
    ];
  }
  const input = sum((r) => r.input_tokens);
  if (model.kind === 'embedding') return [item('input', input, (input * model.input) / 1e6, 'tokens')];
  const cached = sum((r) => r.input_cached_tokens);
  const output = sum((r) => r.output_tokens);
  return [
    item('input', input - cached, ((input - cached) * model.input) / 1e6, 'tokens'),
    item('cached input', cached, (cached * model.cached) / 1e6, 'tokens'),
    item('output', output, (output * model.output) / 1e6, 'tokens'),
  ].filter((c) => c.micros > 0);
}

/** Tool and storage charges, and a model that bills without usage: cost with no key to allocate to. */
function extraCosts(project: string, rng: Random): CostRow[] {
  const rows: CostRow[] = [];
  if (rng.chance(0.3))
    rows.push({
      project_id: project,
      line_item: 'web search tool calls',
      micros: rng.int(10_000, 500_000),
      quantity: null,
      quantity_unit: null,
    });
  if (rng.chance(0.2))
    rows.push({
      project_id: project,
      line_item: 'file search storage',
      micros: rng.int(1_000, 90_000),
      quantity: rng.int(1, 50),
      quantity_unit: 'gibibyte_hours',
    });
  if (rng.chance(0.25)) {
    const tokens = rng.int(10_000, 400_000);
    rows.push({
      project_id: project,
      line_item: `${ORPHAN_MODEL}, input`,
      micros: Math.round(tokens * 0.5),
      quantity: tokens,
      quantity_unit: 'tokens',
    });
  }
  return rows;
}

/**
 * Builds the simulated OpenAI organization. Nothing per day is stored: each day is generated
 * from seeds derived from (seed, day, project, key, model), so any size stays cheap to start.
 */
export function createOpenAiDataset(options: SimulatorOptions = {}): OpenAiDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range = { start, end: addDays(start, options.days ?? 31) };
  const models = Array.from({ length: Math.max(1, options.models ?? 6) }, (_, i) => modelAt(i));
  const density = options.density ?? 0.6;
  const spike = options.spike;
  const org = createRandom(deriveSeed(seed, 'org'));
  const created = Math.floor(Date.parse(`${start}T00:00:00Z`) / 1000) - 86_400 * 90;
  const projects: SimProject[] = Array.from({ length: Math.max(1, options.workspaces ?? 3) }, (_, p) => ({
    id: `proj_${org.hex(24)}`,
    name: PROJECT_NAMES[p] ?? `Project ${p + 1}`,
    createdAt: created + p * 3_600,
    keys: Array.from({ length: Math.max(1, options.keysPerWorkspace ?? 3) }, (_, k) => ({
      id: `key_${org.hex(16)}`,
      name: `svc-${p + 1}-${k + 1}`,
      redacted: `sk-proj-${org.hex(3)}...${org.hex(4)}`,
      createdAt: created + p * 3_600 + k * 60,
    })),
  }));
  const [adminKey, invalidKey, scopelessKey] = [0, 1, 2].map(() => `sk-admin-${org.hex(48)}`) as [
    string,
    string,
    string,
  ];

  function generate(day: Day): DayData {
    const usage: UsageRow[] = [];
    const costs: CostRow[] = [];
    for (const project of projects) {
      for (const model of models) {
        const rows: UsageRow[] = [];
        // Keys plus, now and then, usage outside any key (playground): api_key_id null.
        for (const keyId of [...project.keys.map((k) => k.id), null]) {
          const rng = createRandom(deriveSeed(seed, day, project.id, keyId ?? '-', model.name));
          const isSpike = spike?.day === day && keyId === projects[0]!.keys[0]!.id && model === models[0];
          if (!rng.chance(keyId === null ? density / 4 : density) && !isSpike) continue;
          for (const part of isSpike ? [scaleUsage(usualUsage(model), spike!.factor)] : usageFor(model, rng)) {
            rows.push({ project_id: project.id, api_key_id: keyId, model: model.name, ...part });
          }
        }
        usage.push(...rows);
        if (rows.length > 0) costs.push(...lineItems(project.id, model, rows));
      }
      costs.push(...extraCosts(project.id, createRandom(deriveSeed(seed, day, project.id, 'extra'))));
    }
    return { usage, costs };
  }

  const cache = new Map<Day, DayData>();
  const day = (d: Day): DayData => {
    if (d < range.start || d >= range.end) return { usage: [], costs: [] };
    let data = cache.get(d);
    if (!data) {
      data = generate(d);
      if (cache.size >= 62) cache.delete(cache.keys().next().value as Day);
      cache.set(d, data);
    }
    return data;
  };

  return {
    range,
    projects,
    adminKey,
    invalidKey,
    scopelessKey,
    day,
    totalCost(r) {
      let micros = 0n;
      const from = r.start > range.start ? r.start : range.start;
      const to = r.end < range.end ? r.end : range.end;
      for (let d = from; daysBetween(d, to) > 0; d = addDays(d, 1)) {
        for (const row of day(d).costs) micros += BigInt(row.micros);
      }
      return new Money(micros.toString()).div(1_000_000);
    },
  };
}
