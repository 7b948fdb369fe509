import { ZERO, addDays, eachDay, parseCredits, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { RUNWAY_USD_PER_CREDIT } from '@spendsync/adapters/wire/runway';

/**
 * Model names as Runway reports them, including some its SDK enum does not list yet
 * (`gen5_preview`, `upscale_v2`): the name set is open-ended.
 */
const MODELS = [
  'gen4_turbo',
  'gen4.5',
  'gen4_image',
  'veo3.1',
  'gen5_preview',
  'act_two',
  'eleven_multilingual_v2',
  'gen4_image_turbo',
  'seedance2',
  'kling3.0_pro',
  'gen4_aleph',
  'upscale_v2',
  'gwm1_avatars',
  'veo3.1_fast',
  'aleph2',
] as const;

/** Net credits of one model on one day, as the usage endpoint reports them. */
export type RunwaySimUsage = { readonly model: string; readonly amount: number };

/** The generated organization, served lazily day by day. */
export type RunwayDataset = {
  readonly range: DayRange;
  readonly models: readonly string[];
  /** Credits per model on `day` (empty on idle days and outside the range). */
  usageOn(day: Day): RunwaySimUsage[];
  /** Exact totals: credits × $0.01, refunds included; nothing counts as credits applied. */
  groundTruth(range: DayRange): GroundTruth;
  /** Credits bought before the first day. */
  readonly grantedCredits: number;
  /** Net credits used over the whole range (refunds included). */
  readonly usedCredits: number;
  /** Remaining credits, for `GET /v1/organization`: granted − used. */
  readonly creditBalance: number;
};

/** Builds the organization for `options` (seed, start, days, models, density). */
export function createRunwayDataset(options: SimulatorOptions = {}): RunwayDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range: DayRange = { start, end: addDays(start, options.days ?? 31) };
  const density = options.density ?? 0.7;
  const models = Array.from({ length: Math.max(1, options.models ?? 6) }, (_, i) => MODELS[i] ?? `model_${i}`);

  const usageOn = (day: Day): RunwaySimUsage[] => {
    if (day < range.start || day >= range.end) return [];
    return models.flatMap((model) => {
      const random = createRandom(deriveSeed(seed, 'usage', model, day));
      if (!random.chance(density)) return [];
      // About one model-day in ten nets out negative: refunds of failed generations beat charges.
      const amount = random.chance(0.1) ? -random.int(5, 300) : random.int(1, 2500);
      return [{ model, amount }];
    });
  };

  const groundTruth = (query: DayRange): GroundTruth => {
    let cost = ZERO;
    const from = query.start > range.start ? query.start : range.start;
    const to = query.end < range.end ? query.end : range.end;
    if (from < to)
      for (const day of eachDay({ start: from, end: to }))
        for (const u of usageOn(day)) cost = cost.add(parseCredits(u.amount, RUNWAY_USD_PER_CREDIT));
    return { cost, credits: ZERO };
  };

  // The organization bought its credits before the first day: 1.4 × everything it used since,
  // rounded up to 1,000 credits, so what is left is granted − used and lasts about 40 % of the range.
  let usedCredits = 0;
  for (const day of eachDay(range)) for (const u of usageOn(day)) usedCredits += u.amount;
  const grantedCredits = Math.max(1, Math.ceil((usedCredits * 1.4) / 1000)) * 1000;
  const creditBalance = grantedCredits - usedCredits;
  return { range, models, usageOn, groundTruth, grantedCredits, usedCredits, creditBalance };
}
