import { Money, type Day, type ProviderId } from '@spendsync/domain';

/** One day of the simulated traffic of one key (or no key) to one model, as the demo's applications saw it. */
export type DemoTraffic = {
  provider: ProviderId;
  day: Day;
  apiKeyId: string | null;
  hint: string | null;
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
  requests: number | null;
  units: string | null;
  cost: string;
};

/** A metered usage entry as `POST /v1/metered-usage` takes it. */
export type DemoMeteredEntry = {
  provider: ProviderId;
  model: string;
  day: Day;
  apiKeyId?: string;
  apiKeyHint?: string;
  inputTokens?: number;
  outputTokens?: number;
  requests?: number;
  units?: string;
  cost: string;
};

/**
 * How the demo's imaginary applications meter their traffic, chosen so every cause of the
 * billed-vs-metered gap shows up (and deterministic: the same traffic gives the same reports):
 * - each provider's cheapest key (of three or more) runs in an application without metering: uninstrumented;
 * - nobody meters `gpt-image-1`: an unmetered model;
 * - the Anthropic SDK estimates cost with an old price list, 5 % low: price differences;
 * - OpenAI's exporter was down one settled day (10 days ago, or the first day of a shorter history): unexplained;
 * - a developer's local key (`sk-dev-local...0000`) and an evaluation model (`demo-eval-model`)
 *   are metered but billed by no synced account: unmatched metered usage;
 * - recent days are provisional on the billed side, and some providers apply credits.
 */
export const DEMO_METERING = {
  minKeysForUninstrumented: 3,
  unmeteredModel: 'gpt-image-1',
  underestimated: { provider: 'anthropic' as ProviderId, factor: '0.95' },
  exporterDown: { provider: 'openai' as ProviderId, daysAgo: 10 },
  strayKeyHint: 'sk-dev-local...0000',
  strayModel: 'demo-eval-model',
} as const;

const keyOf = (t: Pick<DemoTraffic, 'provider' | 'hint' | 'apiKeyId'>) =>
  `${t.provider}\u0000${t.hint ?? t.apiKeyId ?? ''}`;

/**
 * The keys left uninstrumented: each provider's cheapest key (by billed cost over `traffic`, then
 * hint), when the provider has at least three; the demo freezes the choice once per provider.
 */
export function uninstrumentedKeys(traffic: readonly DemoTraffic[]): Set<string> {
  const costs = new Map<string, Money>();
  for (const t of traffic) {
    if (t.apiKeyId || t.hint) costs.set(keyOf(t), (costs.get(keyOf(t)) ?? new Money(0)).plus(t.cost));
  }
  const byProvider = new Map<string, [string, Money][]>();
  for (const [key, cost] of costs) {
    const provider = key.split('\u0000')[0]!;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), [key, cost]]);
  }
  const chosen = [...byProvider.values()]
    .filter((keys) => keys.length >= DEMO_METERING.minKeysForUninstrumented)
    .map((keys) => keys.sort(([a, x], [b, y]) => x.cmp(y) || a.localeCompare(b))[0]![0]);
  return new Set(chosen);
}

/** The key of a line of traffic in {@link uninstrumentedKeys}' set. */
export const trafficKey = keyOf;

/**
 * The entries the demo's applications report for `traffic` (one provider's day or more), leaving
 * out the `silent` keys ({@link uninstrumentedKeys}) and OpenAI's traffic of `exporterDownDay`.
 */
export function demoMeteredEntries(
  traffic: readonly DemoTraffic[],
  silent: ReadonlySet<string>,
  exporterDownDay: Day,
): DemoMeteredEntry[] {
  const m = DEMO_METERING;
  const entries: DemoMeteredEntry[] = [];
  for (const t of traffic) {
    if ((t.apiKeyId || t.hint) && silent.has(keyOf(t))) continue;
    if (t.model === m.unmeteredModel) continue;
    if (t.provider === m.exporterDown.provider && t.day === exporterDownDay) continue;
    const cost =
      t.provider === m.underestimated.provider ? new Money(t.cost).times(m.underestimated.factor).toFixed() : t.cost;
    entries.push({
      provider: t.provider,
      model: t.model,
      day: t.day,
      ...(t.apiKeyId ? { apiKeyId: t.apiKeyId } : t.hint ? { apiKeyHint: t.hint } : {}),
      ...(t.inputTokens !== null ? { inputTokens: t.inputTokens } : {}),
      ...(t.outputTokens !== null ? { outputTokens: t.outputTokens } : {}),
      ...(t.requests !== null ? { requests: t.requests } : {}),
      ...(t.units !== null ? { units: t.units } : {}),
      cost,
    });
  }
  const openaiDays = [...new Set(traffic.filter((t) => t.provider === 'openai').map((t) => t.day))].sort();
  for (const day of openaiDays) {
    const stray = { provider: 'openai' as ProviderId, day };
    entries.push({
      ...stray,
      model: 'gpt-4o-mini',
      apiKeyHint: m.strayKeyHint,
      inputTokens: 20_000,
      outputTokens: 4_000,
      cost: '0.0054',
    });
    entries.push({ ...stray, model: m.strayModel, inputTokens: 50_000, outputTokens: 10_000, cost: '0.35' });
  }
  return entries;
}
