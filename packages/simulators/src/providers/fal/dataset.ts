import { Money, ZERO, addDays, eachDay, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';

/** One endpoint of the generated account: its billing unit, its price points and how much a day uses. */
export type FalEndpointSpec = {
  readonly id: string;
  readonly unit: string;
  /** Unit prices in units of $0.0000001 (so they stay integers); a second price is another tier. */
  readonly prices: readonly number[];
  /** One line's quantity in tenths of `unit`. */
  readonly quantity: (random: Random) => number;
};

const whole = (min: number, max: number) => (r: Random) => r.int(min, max) * 10;
const tenths = (min: number, max: number) => (r: Random) => r.int(min * 10, max * 10);

/** Real endpoints across image, video, audio, LLM and compute billing, with their usual units. */
const CATALOGUE: readonly FalEndpointSpec[] = [
  { id: 'fal-ai/flux/dev', unit: 'megapixels', prices: [250_000], quantity: tenths(1, 4000) },
  {
    id: 'fal-ai/kling-video/v2.1/pro/image-to-video',
    unit: 'seconds',
    prices: [900_000, 1_400_000],
    quantity: whole(5, 900),
  },
  { id: 'fal-ai/flux-pro/v1.1-ultra', unit: 'image', prices: [600_000], quantity: whole(1, 400) },
  { id: 'fal-ai/minimax/speech-02-hd', unit: 'characters', prices: [1000], quantity: whole(200, 250_000) },
  { id: 'fal-ai/any-llm', unit: 'requests', prices: [20_000, 35_000], quantity: whole(1, 5000) },
  { id: 'fal-ai/veo3', unit: 'seconds', prices: [7_500_000, 5_000_000], quantity: whole(8, 480) },
  { id: 'fal-ai/whisper', unit: 'compute_seconds', prices: [11_100], quantity: tenths(10, 36_000) },
  { id: 'fal-ai/recraft-v3', unit: 'image', prices: [400_000, 800_000], quantity: whole(1, 300) },
  { id: 'fal-ai/stable-audio', unit: 'seconds', prices: [45_000], quantity: tenths(5, 3600) },
  { id: 'openrouter/router', unit: 'tokens', prices: [8, 24], quantity: whole(1000, 2_000_000) },
];

/** Scale of amounts in a line: quantity (tenths) × price (1e-7) × percent (1e-2) = 1e-10 USD. */
const AMOUNT_SCALE = 10;

/** An integer count of 10^-scale units as exact decimal text: `scaledText(1234, 3)` is `"1.234"`. */
export function scaledText(value: number, scale: number): string {
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${digits.slice(0, digits.length - scale)}${fraction ? `.${fraction}` : ''}`;
}

/**
 * One usage row as fal bills it: one endpoint, price and discount in one day. Amounts are exact
 * decimal text (at most 13 significant digits, so a JSON number carries them exactly); the
 * generator works in integers because decimal arithmetic would make a million rows slow.
 */
export type FalSimLine = {
  readonly endpointId: string;
  readonly unit: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly percentDiscount: number | null;
  readonly subtotal: string;
  readonly discount: string;
  /** What is billed: subtotal − discount. */
  readonly total: string;
  /** `total` in units of 1e-10 USD, for exact sums. */
  readonly totalScaled: number;
  /** Served in the 2025 shape, with `cost` only. */
  readonly legacy: boolean;
};

/** A key of the generated account; `scope` ADMIN may read usage, API may not. */
export type FalSimKey = {
  readonly keyId: string;
  readonly secret: string;
  readonly alias: string;
  readonly scope: 'ADMIN' | 'API';
  readonly createdAt: string;
};

/** The generated account, served lazily day by day. */
export type FalDataset = {
  readonly range: DayRange;
  /** The account's team name (`username` in billing). */
  readonly username: string;
  /** The first key is the ADMIN key; the others are API-scoped. */
  readonly keys: readonly FalSimKey[];
  readonly endpoints: readonly FalEndpointSpec[];
  /** Every row of `day` (none outside the data range), in a stable order. */
  linesOn(day: Day): FalSimLine[];
  /** Exact billed totals for the days of `range`; fal has no credits here. */
  groundTruth(range: DayRange): GroundTruth;
};

/** Endpoint `i`: the catalogue first, then made-up endpoints billed like the catalogue's. */
function endpointAt(i: number): FalEndpointSpec {
  const base = CATALOGUE[i % CATALOGUE.length] as FalEndpointSpec;
  return i < CATALOGUE.length ? base : { ...base, id: `fal-ai/sim/endpoint-${i}` };
}

function makeLine(
  spec: FalEndpointSpec,
  price: number,
  percent: number | null,
  legacy: boolean,
  random: Random,
): FalSimLine {
  const quantity = spec.quantity(random);
  const subtotal = quantity * price * 100;
  const discount = percent === null ? 0 : quantity * price * percent;
  const total = subtotal - discount;
  const text = (v: number) => scaledText(v, AMOUNT_SCALE);
  return {
    endpointId: spec.id,
    unit: spec.unit,
    quantity: scaledText(quantity, 1),
    unitPrice: scaledText(price, 7),
    percentDiscount: percent,
    subtotal: text(subtotal),
    discount: text(discount),
    total: text(total),
    totalScaled: total,
    legacy,
  };
}

/** The rows of one endpoint on one day: a row per price point used, plus discounted rows. */
function endpointLines(spec: FalEndpointSpec, legacy: boolean, random: Random): FalSimLine[] {
  const lines: FalSimLine[] = [];
  spec.prices.forEach((price, n) => {
    if (n > 0 && !random.chance(0.4)) return;
    lines.push(makeLine(spec, price, null, legacy, random));
    // Usage at a discounted rate is a separate row at the same unit price (never in the old shape).
    if (!legacy && random.chance(0.3)) lines.push(makeLine(spec, price, random.pick([10, 15, 20, 25]), legacy, random));
  });
  return lines;
}

/** A key shaped like fal's: a UUID id and a 32-hex secret. */
export function makeFalKey(random: Random, alias: string, scope: 'ADMIN' | 'API', createdAt: string): FalSimKey {
  const keyId = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
  return { keyId, secret: random.hex(32), alias, scope, createdAt };
}

function makeKeys(seed: number, count: number, createdAt: string): FalSimKey[] {
  const random = createRandom(deriveSeed(seed, 'keys'));
  const aliases = ['Production', 'Staging', 'CI', 'Notebook'];
  const admin = makeFalKey(random, 'Billing export (admin)', 'ADMIN', createdAt);
  return [
    admin,
    ...Array.from({ length: count }, (_, i) => makeFalKey(random, aliases[i] ?? `Key ${i + 1}`, 'API', createdAt)),
  ];
}

/** Builds the account for `options` (seed, start, days, models = endpoints, density). */
export function createFalDataset(options: SimulatorOptions = {}): FalDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range: DayRange = { start, end: addDays(start, options.days ?? 31) };
  const density = options.density ?? 0.6;
  const endpoints = Array.from({ length: Math.max(1, options.models ?? CATALOGUE.length) }, (_, i) => endpointAt(i));

  const generate = (day: Day): FalSimLine[] => {
    if (day < range.start || day >= range.end) return [];
    const legacy = createRandom(deriveSeed(seed, 'legacy', day)).chance(0.15);
    return endpoints.flatMap((spec) => {
      const random = createRandom(deriveSeed(seed, 'usage', spec.id, day));
      return random.chance(density) ? endpointLines(spec, legacy, random) : [];
    });
  };
  // Paging reads one day several times in a row; the last day generated is kept.
  let last: { day: Day; lines: FalSimLine[] } | undefined;
  const linesOn = (day: Day): FalSimLine[] => {
    if (last?.day !== day) last = { day, lines: generate(day) };
    return last.lines;
  };

  const groundTruth = (query: DayRange): GroundTruth => {
    let total = 0n;
    const from = query.start > range.start ? query.start : range.start;
    const to = query.end < range.end ? query.end : range.end;
    if (from < to)
      for (const day of eachDay({ start: from, end: to }))
        for (const line of generate(day)) total += BigInt(line.totalScaled);
    return { cost: new Money(total.toString()).div(10 ** AMOUNT_SCALE), credits: ZERO };
  };

  const keyCount = Math.max(1, (options.workspaces ?? 1) * (options.keysPerWorkspace ?? 3));
  const username = `team-${createRandom(deriveSeed(seed, 'team')).hex(6)}`;
  return {
    range,
    username,
    keys: makeKeys(seed, keyCount, `${addDays(start, -30)}T09:00:00Z`),
    endpoints,
    linesOn,
    groundTruth,
  };
}
