import {
  Money,
  ZERO,
  addDays,
  eachDay,
  startOfDay,
  VERTEX_SERVICE_GROUPS,
  type Day,
  type DayRange,
  type VertexServiceGroup,
} from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';

/** One SKU the simulated projects use: export fields, and how its usage is drawn. */
type SimSku = {
  description: string;
  unit: string;
  pricingUnit: string;
  amount: [number, number];
  microsPerUnit: number;
  divisor?: number;
};

const FLASH_IN = { unit: 'count', pricingUnit: 'count' };

/**
 * SKUs per model, in the export's own spelling (leading spaces, "GA", "Flash Lite", thinking
 * output, caching, per-character Gemini 1.5, image and video units). The first three models are
 * what the contract suite's small organization uses.
 */
export const SIM_MODELS: readonly (readonly SimSku[])[] = [
  [
    {
      description: 'Gemini 2.5 Flash GA Text Input - Predictions',
      ...FLASH_IN,
      amount: [1_000, 900_000],
      microsPerUnit: 3,
      divisor: 10,
    },
    {
      description: 'Gemini 2.5 Flash GA Text Output (Thinking On) - Predictions',
      ...FLASH_IN,
      amount: [500, 200_000],
      microsPerUnit: 25,
      divisor: 10,
    },
    {
      description: ' Gemini 2.5 Flash GA Input Text Caching',
      ...FLASH_IN,
      amount: [0, 300_000],
      microsPerUnit: 3,
      divisor: 40,
    },
  ],
  [
    {
      description: 'Gemini 2.5 Flash Lite Text Input - Predictions',
      ...FLASH_IN,
      amount: [1_000, 2_000_000],
      microsPerUnit: 1,
      divisor: 10,
    },
    {
      description: 'Gemini 2.5 Flash Lite Text Output - Predictions',
      ...FLASH_IN,
      amount: [500, 400_000],
      microsPerUnit: 4,
      divisor: 10,
    },
  ],
  [
    {
      description: 'Imagen 3 Generation - Image Output',
      unit: 'count',
      pricingUnit: 'count',
      amount: [1, 40],
      microsPerUnit: 40_000,
    },
  ],
  [
    {
      description: 'Gemini 1.5 Flash Text Input - Predictions',
      unit: 'count',
      pricingUnit: '1000 characters',
      amount: [1_000, 500_000],
      microsPerUnit: 1,
      divisor: 50,
    },
  ],
  [
    {
      description: 'Gemini 3 Flash Text Input - Predictions',
      ...FLASH_IN,
      amount: [1_000, 900_000],
      microsPerUnit: 5,
      divisor: 10,
    },
    {
      description: 'Gemini 3 Flash Text Input Caching Storage',
      unit: 'token-hour',
      pricingUnit: 'token-hour',
      amount: [10_000, 5_000_000],
      microsPerUnit: 1,
      divisor: 1000,
    },
  ],
  [
    {
      description: 'Veo 2 Video Generation',
      unit: 'seconds',
      pricingUnit: 'seconds',
      amount: [5, 120],
      microsPerUnit: 500_000,
    },
  ],
  [
    {
      description: 'Vertex AI Pipelines GA Run',
      unit: 'count',
      pricingUnit: 'count',
      amount: [1, 30],
      microsPerUnit: 30_000,
    },
  ],
];

/**
 * Partner models and the Gemini API, billed under their own services on the same billing account:
 * each project uses them on some days. Service names follow what the export shows [field;
 * partner service names unverified, see query.ts]; SKU spellings are the export's style.
 */
const OTHER_SERVICES: readonly { group: VertexServiceGroup; service: string; skus: readonly SimSku[] }[] = [
  {
    group: 'partner-models',
    service: 'Claude Sonnet 4.5',
    skus: [
      { description: 'Claude Sonnet 4.5 Input Tokens', ...FLASH_IN, amount: [1_000, 400_000], microsPerUnit: 3 },
      { description: 'Claude Sonnet 4.5 Output Tokens', ...FLASH_IN, amount: [500, 100_000], microsPerUnit: 15 },
      {
        description: 'Claude Sonnet 4.5 Cache Read Input Tokens',
        ...FLASH_IN,
        amount: [0, 200_000],
        microsPerUnit: 3,
        divisor: 10,
      },
    ],
  },
  {
    group: 'partner-models',
    service: 'Llama 3.3 70B Instruct API Service',
    skus: [
      {
        description: 'Llama 3.3 70B Instruct Input Tokens',
        ...FLASH_IN,
        amount: [1_000, 300_000],
        microsPerUnit: 72,
        divisor: 100,
      },
      {
        description: 'Llama 3.3 70B Instruct Output Tokens',
        ...FLASH_IN,
        amount: [500, 100_000],
        microsPerUnit: 72,
        divisor: 100,
      },
    ],
  },
  {
    group: 'gemini-api',
    service: 'Gemini API',
    skus: [
      {
        description: 'Generate content input token count Gemini 2.5 Flash',
        ...FLASH_IN,
        amount: [1_000, 900_000],
        microsPerUnit: 3,
        divisor: 10,
      },
      {
        description: 'Generate content output token count Gemini 2.5 Flash',
        ...FLASH_IN,
        amount: [500, 200_000],
        microsPerUnit: 25,
        divisor: 10,
      },
    ],
  },
];

/** Credit types of the export; the last is one the docs do not list, as new ones appear. */
const CREDIT_TYPES = [
  'PROMOTION',
  'FREE_TIER',
  'COMMITTED_USAGE_DISCOUNT',
  'SUSTAINED_USAGE_DISCOUNT',
  'SPENDING_BASED_DISCOUNT',
];

/** One export line (an hourly usage window of one SKU in one project). */
export type ExportLine = {
  /** The service group the line's service belongs to (what the query's service filter selects). */
  group: VertexServiceGroup;
  service: string;
  projectId: string;
  projectName: string;
  sku: string;
  costType: string;
  unit: string;
  pricingUnit: string;
  amount: Money;
  cost: Money;
  credits: { type: string; amount: Money }[];
  exportedAtMicros: bigint;
};

/** One row of the spendsync query: export lines summed per (day, project, trimmed SKU, cost type, units). */
export type ResultRow = Omit<ExportLine, 'credits' | 'amount' | 'cost'> & {
  day: Day;
  amount: Money;
  cost: Money;
  credits: Money;
};

export type VertexDataset = {
  readonly range: DayRange;
  readonly projects: readonly { id: string; name: string }[];
  /** The export lines of `day` (what the query reads). */
  exportLines(day: Day): readonly ExportLine[];
  /** The query's rows of `day` for the service groups it selects, sorted as its ORDER BY sorts them. */
  resultRows(day: Day, groups?: readonly VertexServiceGroup[]): readonly ResultRow[];
  groundTruth(range: DayRange): GroundTruth;
};

const WORDS = ['ml-research', 'search-ranking', 'support-bot', 'media-studio', 'growth', 'data-platform'];
const micros = (n: number | bigint) => new Money(n.toString()).div(1_000_000);

/** The deterministic billing export behind the BigQuery simulator, generated a day at a time. */
export function createVertexDataset(options: SimulatorOptions = {}): VertexDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range = { start, end: addDays(start, options.days ?? 31) };
  const models = SIM_MODELS.slice(0, Math.max(1, Math.min(SIM_MODELS.length, options.models ?? SIM_MODELS.length)));
  const density = options.density ?? 0.75;
  const projects = Array.from({ length: Math.max(1, options.workspaces ?? 3) }, (_, i) => {
    const word = WORDS[i % WORDS.length] as string;
    return {
      id: `${word}-${1000 + createRandom(deriveSeed(seed, 'project', i)).int(0, 8999)}`,
      name: word.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()) + (i >= WORDS.length ? ` ${i}` : ''),
    };
  });
  const cache = new Map<Day, { lines: ExportLine[]; rows: ResultRow[] }>();

  const lines = (day: Day): ExportLine[] => {
    const out: ExportLine[] = [];
    const exportedAt = BigInt(startOfDay(addDays(day, 1)).getTime() + 5 * 3_600_000) * 1000n;
    for (const [p, project] of projects.entries()) {
      // Vertex AI models first (their random streams as before), then the other services' own streams.
      const cells = [
        ...models.map((skus, m) => ({
          group: 'vertex-ai' as const,
          service: 'Vertex AI',
          skus,
          rng: createRandom(deriveSeed(seed, 'cell', day, p, m)),
          chance: density,
        })),
        ...OTHER_SERVICES.map((o, i) => ({
          ...o,
          rng: createRandom(deriveSeed(seed, 'other-service', day, p, i)),
          chance: 0.5,
        })),
      ];
      for (const { group, service, skus, rng, chance } of cells) {
        if (!rng.chance(chance)) continue;
        for (const sku of skus) {
          for (let hour = 0, hours = rng.int(1, 3); hour < hours; hour++) {
            const amount = rng.int(sku.amount[0], sku.amount[1]);
            const cost = (BigInt(amount) * BigInt(sku.microsPerUnit)) / BigInt(sku.divisor ?? 1);
            const credits = rng.chance(0.3)
              ? Array.from({ length: rng.int(1, 2) }, () => ({
                  type: rng.pick(CREDIT_TYPES),
                  amount: micros(-(cost * BigInt(rng.int(5, 45))) / 100n),
                }))
              : [];
            const quantity = sku.unit === 'token-hour' ? new Money(amount).div(4) : new Money(amount);
            out.push({
              group,
              service,
              projectId: project.id,
              projectName: project.name,
              sku: sku.description,
              costType: 'regular',
              unit: sku.unit,
              pricingUnit: sku.pricingUnit,
              amount: quantity,
              cost: micros(cost),
              credits,
              exportedAtMicros: exportedAt - BigInt(hour) * 3_600_000_000n,
            });
          }
        }
      }
    }
    return out;
  };

  const aggregate = (day: Day, all: ExportLine[]): ResultRow[] => {
    const groups = new Map<string, ResultRow>();
    for (const line of all) {
      const sku = line.sku.trim();
      const key = [line.projectId, line.service, sku, line.costType, line.unit, line.pricingUnit].join('\u0000');
      const credits = line.credits.reduce((sum, c) => sum.add(c.amount), ZERO);
      const g = groups.get(key);
      if (!g) groups.set(key, { ...line, day, sku, credits });
      else
        groups.set(key, {
          ...g,
          amount: g.amount.add(line.amount),
          cost: g.cost.add(line.cost),
          credits: g.credits.add(credits),
          exportedAtMicros: g.exportedAtMicros > line.exportedAtMicros ? g.exportedAtMicros : line.exportedAtMicros,
        });
    }
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  };

  const day = (d: Day) => {
    let found = cache.get(d);
    if (!found) {
      const all = d >= range.start && d < range.end ? lines(d) : [];
      found = { lines: all, rows: aggregate(d, all) };
      if (cache.size >= 64) cache.delete(cache.keys().next().value as Day);
      cache.set(d, found);
    }
    return found;
  };

  return {
    range,
    projects,
    exportLines: (d) => day(d).lines,
    resultRows: (d, groups = VERTEX_SERVICE_GROUPS) => day(d).rows.filter((r) => groups.includes(r.group)),
    groundTruth(query) {
      let cost: Money = ZERO;
      let credits: Money = ZERO;
      for (const d of eachDay(query)) {
        for (const line of day(d).lines) {
          cost = cost.add(line.cost);
          for (const c of line.credits) credits = credits.sub(c.amount);
        }
      }
      return { cost, credits };
    },
  };
}
