import { Money, ZERO, addDays, eachDay, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';

/** One endpoint of the generated account: its billing unit, its price points and how much a day uses. */
export type FalEndpointSpec = {
  readonly id: string;
  readonly unit: string;
  /** Unit prices (USD, exact text); a second price stands for another resolution or tier. */
  readonly prices: readonly string[];
  /** One line's quantity, in `unit`. */
  readonly quantity: (random: Random) => Money;
};

const whole = (min: number, max: number) => (r: Random) => new Money(r.int(min, max));
const tenths = (min: number, max: number) => (r: Random) => new Money(r.int(min * 10, max * 10)).div(10);

/** Real endpoints across image, video, audio, LLM and compute billing, with their usual units. */
const CATALOGUE: readonly FalEndpointSpec[] = [
  { id: 'fal-ai/flux/dev', unit: 'megapixels', prices: ['0.025'], quantity: tenths(1, 4000) },
  { id: 'fal-ai/kling-video/v2.1/pro/image-to-video', unit: 'seconds', prices: ['0.09', '0.14'], quantity: whole(5, 900) },
  { id: 'fal-ai/flux-pro/v1.1-ultra', unit: 'image', prices: ['0.06'], quantity: whole(1, 400) },
  { id: 'fal-ai/minimax/speech-02-hd', unit: 'characters', prices: ['0.0001'], quantity: whole(200, 250_000) },
  { id: 'fal-ai/any-llm', unit: 'requests', prices: ['0.002', '0.0035'], quantity: whole(1, 5000) },
  { id: 'fal-ai/veo3', unit: 'seconds', prices: ['0.75', '0.5'], quantity: whole(8, 480) },
  { id: 'fal-ai/whisper', unit: 'compute_seconds', prices: ['0.00111'], quantity: tenths(10, 36_000) },
  { id: 'fal-ai/recraft-v3', unit: 'image', prices: ['0.04', '0.08'], quantity: whole(1, 300) },
  { id: 'fal-ai/stable-audio', unit: 'seconds', prices: ['0.0045'], quantity: tenths(5, 3600) },
  { id: 'openrouter/router', unit: 'tokens', prices: ['0.0000008', '0.0000024'], quantity: whole(1000, 2_000_000) },
];

/** One usage row as fal bills it: one endpoint, price and discount in one day. */
export type FalSimLine = {
  readonly endpointId: string;
  readonly unit: string;
  readonly quantity: Money;
  readonly unitPrice: Money;
  readonly percentDiscount: number | null;
  readonly subtotal: Money;
  readonly discount: Money;
  /** What is billed: subtotal − discount. */
  readonly total: Money;
  /** Served in the 2025 shape, with `cost` only. */
  readonly legacy: boolean;
};

/** A key of the generated account; `scope` ADMIN may read usage, API may not. */
export type FalSimKey = { readonly keyId: string; readonly secret: string; readonly alias: string; readonly scope: 'ADMIN' | 'API'; readonly createdAt: string };

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

function makeLine(spec: FalEndpointSpec, price: string, percent: number | null, legacy: boolean, random: Random): FalSimLine {
  const quantity = spec.quantity(random);
  const unitPrice = new Money(price);
  const subtotal = quantity.mul(unitPrice);
  const discount = percent === null ? ZERO : subtotal.mul(percent).div(100);
  return { endpointId: spec.id, unit: spec.unit, quantity, unitPrice, percentDiscount: percent, subtotal, discount, total: subtotal.sub(discount), legacy };
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
  return [admin, ...Array.from({ length: count }, (_, i) => makeFalKey(random, aliases[i] ?? `Key ${i + 1}`, 'API', createdAt))];
}

/** Builds the account for `options` (seed, start, days, models = endpoints, density). */
export function createFalDataset(options: SimulatorOptions = {}): FalDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range: DayRange = { start, end: addDays(start, options.days ?? 31) };
  const density = options.density ?? 0.6;
  const endpoints = Array.from({ length: Math.max(1, options.models ?? CATALOGUE.length) }, (_, i) => endpointAt(i));

  const linesOn = (day: Day): FalSimLine[] => {
    if (day < range.start || day >= range.end) return [];
    const legacy = createRandom(deriveSeed(seed, 'legacy', day)).chance(0.15);
    return endpoints.flatMap((spec) => {
      const random = createRandom(deriveSeed(seed, 'usage', spec.id, day));
      return random.chance(density) ? endpointLines(spec, legacy, random) : [];
    });
  };

  const groundTruth = (query: DayRange): GroundTruth => {
    let cost = ZERO;
    const from = query.start > range.start ? query.start : range.start;
    const to = query.end < range.end ? query.end : range.end;
    if (from < to) for (const day of eachDay({ start: from, end: to })) for (const line of linesOn(day)) cost = cost.add(line.total);
    return { cost, credits: ZERO };
  };

  const keyCount = Math.max(1, (options.workspaces ?? 1) * (options.keysPerWorkspace ?? 3));
  const username = `team-${createRandom(deriveSeed(seed, 'team')).hex(6)}`;
  return { range, username, keys: makeKeys(seed, keyCount, `${addDays(start, -30)}T09:00:00Z`), endpoints, linesOn, groundTruth };
}
