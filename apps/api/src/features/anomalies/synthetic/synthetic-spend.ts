import { createRandom, deriveSeed } from '@spendsync/simulators';
import { addDays, Money, PROVIDER_IDS, type Day, type ProviderId } from '@spendsync/domain';
import type { SpendRow } from '../spend-series';

/** Shape of a synthetic organization's spend. */
export type SyntheticOptions = {
  seed: number;
  start: Day;
  days: number;
  providers: number;
  workspacesPerProvider: number;
  keysPerWorkspace: number;
  modelsPerProvider: number;
  modelsPerKey: number;
  /** Injected one-day usage spikes (×4–7 on one key's main model). */
  spikes: number;
  /** Injected lasting price changes (×3 per token on one key's main model, from the day on). */
  priceChanges: number;
  /** Injected silences (a key stops spending from the day on). */
  drops: number;
};

/** Ground truth: what was injected where. */
export type InjectedEvent = {
  kind: 'spike' | 'price' | 'drop';
  day: Day;
  provider: ProviderId;
  workspace: string;
  apiKey: string;
  model: string;
};

type Key = {
  provider: ProviderId;
  workspace: string;
  id: string;
  models: { name: string; weight: number; pricePerToken: number }[];
  base: number;
  growth: number;
  weekendFactor: number;
  isBig: boolean;
};

const WORKSPACE_NAMES = [
  'search',
  'support',
  'growth',
  'research',
  'platform',
  'data',
  'mobile',
  'billing',
  'labs',
  'ops',
];
/** Days before the first event: baselines need 28 days, and a margin. */
const WARM_UP = 35;

function createKeys(o: SyntheticOptions): Key[] {
  const rng = createRandom(deriveSeed(o.seed, 'keys'));
  const keys: Key[] = [];
  for (const provider of PROVIDER_IDS.slice(0, o.providers)) {
    // model-0 has the same name at every provider: a cross-provider model series.
    const models = Array.from({ length: o.modelsPerProvider }, (_, m) => ({
      name: m === 0 ? 'model-0' : `${provider}-model-${m}`,
      price: (1 + rng.int(1, 30)) / 1e6,
    }));
    for (let w = 0; w < o.workspacesPerProvider; w++) {
      for (let k = 0; k < o.keysPerWorkspace; k++) {
        const isBig = rng.chance(0.5);
        const picked = [...models].sort(() => rng.next() - 0.5).slice(0, o.modelsPerKey);
        const weights = picked.map((_, i) => (i === 0 ? Math.max(3, o.modelsPerKey) : 0.2 + rng.next()));
        const sum = weights.reduce((a, b) => a + b, 0);
        keys.push({
          provider,
          workspace: WORKSPACE_NAMES[w % WORKSPACE_NAMES.length]!,
          id: `${provider}-key-${w}-${k}`,
          models: picked.map((m, i) => ({ name: m.name, weight: weights[i]! / sum, pricePerToken: m.price })),
          base: isBig ? 60 + rng.int(0, 240) : 0.5 + rng.next() * 4,
          growth: rng.next() * 0.004,
          weekendFactor: rng.chance(0.4) ? 0.25 : 1,
          isBig,
        });
      }
    }
  }
  return keys;
}

function injectEvents(o: SyntheticOptions, keys: Key[]): InjectedEvent[] {
  const rng = createRandom(deriveSeed(o.seed, 'events'));
  const big = keys.filter((k) => k.isBig);
  const used = new Set<string>();
  const events: InjectedEvent[] = [];
  const plan = [
    ...Array(o.spikes).fill('spike'),
    ...Array(o.priceChanges).fill('price'),
    ...Array(o.drops).fill('drop'),
  ] as InjectedEvent['kind'][];
  for (const kind of plan) {
    // One event per key (a later event on a key would sit on a changed baseline).
    const free = big.filter((k) => !used.has(k.id));
    if (free.length === 0) break;
    const key = free[rng.int(0, free.length - 1)]!;
    used.add(key.id);
    const day = addDays(o.start, rng.int(WARM_UP, o.days - 2));
    events.push({
      kind,
      day,
      provider: key.provider,
      workspace: key.workspace,
      apiKey: key.id,
      model: key.models[0]!.name,
    });
  }
  return events;
}

const isWeekend = (day: Day) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/**
 * A seeded organization's daily spend per (provider, workspace, key, model) with weekly
 * seasonality on some keys, a growth trend, ±15 % noise, and injected spikes, lasting price
 * changes and silences; returns the rows and the injected ground truth. Same options, same data.
 */
export function generateSyntheticSpend(o: SyntheticOptions): { rows: SpendRow[]; events: InjectedEvent[] } {
  const keys = createKeys(o);
  const events = injectEvents(o, keys);
  const byKey = new Map(events.map((e) => [e.apiKey, e]));
  const rng = createRandom(deriveSeed(o.seed, 'noise'));
  const rows: SpendRow[] = [];
  for (let i = 0; i < o.days; i++) {
    const day = addDays(o.start, i);
    for (const key of keys) {
      const event = byKey.get(key.id);
      if (event?.kind === 'drop' && day >= event.day) continue;
      const level = key.base * (1 + key.growth) ** i * (isWeekend(day) ? key.weekendFactor : 1);
      for (const model of key.models) {
        let tokens = Math.round((level * model.weight * (0.85 + 0.3 * rng.next())) / model.pricePerToken);
        let price = model.pricePerToken;
        const isMain = model === key.models[0];
        if (event?.kind === 'spike' && isMain && day === event.day) tokens *= 4 + rng.int(0, 3);
        if (event?.kind === 'price' && isMain && day >= event.day) price *= 3;
        rows.push({
          day,
          provider: key.provider,
          workspace: key.workspace,
          apiKey: key.id,
          apiKeyLabel: key.id,
          model: model.name,
          cost: new Money((tokens * price).toFixed(6)),
          volume: new Money(tokens),
        });
      }
    }
  }
  return { rows, events };
}
