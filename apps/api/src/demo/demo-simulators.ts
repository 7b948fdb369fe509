import type { AdapterDeps } from '@spendsync/adapters';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { addDays, PROVIDER_IDS, type ProviderId } from '@spendsync/domain';

/** One provider's simulator, as the demo runs it. */
export type DemoSimulator = { provider: ProviderId; simulator: ProviderSimulator };

/** What the demo organization looks like at every provider. */
export type DemoSimulatorOptions = {
  /** Today (UTC): every simulator's history ends yesterday, so dashboards show recent spend. */
  today: string;
  /** Days of generated history (OpenRouter keeps at most its API's 30). */
  days: number;
  providers?: readonly ProviderId[];
  seed?: number;
};

/**
 * The demo's injected anomaly: five days ago (settled after OpenAI's 48 h delay), the first
 * OpenAI key uses gpt-4o 150 times a usual day's usage (about $700 more that day), so the
 * Anomalies view has a spike whose driver is known (key svc-1-1, model gpt-4o-2024-08-06) and
 * stands clear of the simulators' day-to-day noise (see {@link DEMO_ANOMALY_MIN_COST}).
 */
export const DEMO_SPIKE = { provider: 'openai' as ProviderId, daysAgo: 5, factor: 150 };

/**
 * The demo organization's anomaly minimum ($ above the baseline): the simulators' random noise
 * moves single series (and drops whole ones) by up to about $250 a day, which the default $10 reports dozens of
 * times; the injected spike is several hundred dollars.
 */
export const DEMO_ANOMALY_MIN_COST = '300';

/** Providers whose API serves a limited history (OpenRouter's activity: the last 30 completed days). */
const MAX_DAYS: Partial<Record<ProviderId, number>> = { openrouter: 30 };

/** Starts the simulator of each provider (all nine by default) on 127.0.0.1, each with its own seed. */
export async function startDemoSimulators(options: DemoSimulatorOptions): Promise<DemoSimulator[]> {
  const providers = options.providers ?? PROVIDER_IDS;
  const started: DemoSimulator[] = [];
  try {
    for (const [index, provider] of providers.entries()) {
      const days = Math.min(options.days, MAX_DAYS[provider] ?? options.days);
      const spike =
        provider === DEMO_SPIKE.provider
          ? { day: addDays(options.today, -DEMO_SPIKE.daysAgo), factor: DEMO_SPIKE.factor }
          : undefined;
      const simulator = await simulators[provider]({
        seed: (options.seed ?? 7) + index,
        start: addDays(options.today, -days),
        days,
        host: '127.0.0.1',
        spike,
      });
      started.push({ provider, simulator });
    }
    return started;
  } catch (error) {
    await stopDemoSimulators(started);
    throw error;
  }
}

/** Stops every simulator, whatever happens to the others. */
export async function stopDemoSimulators(running: readonly DemoSimulator[]): Promise<void> {
  await Promise.allSettled(running.map((s) => s.simulator.close()));
}

/**
 * The adapter seams the simulators need beyond their URL: only the SDK seams (Azure's
 * simulator speaks HTTPS with its own certificate, handed over as `sdk.ca`). Other adapters
 * ignore `sdk`, so one value serves every account.
 */
export function demoSdkDeps(running: readonly DemoSimulator[]): Partial<AdapterDeps> {
  const sdk = Object.assign({}, ...running.map((s) => s.simulator.adapterDeps().sdk ?? {})) as Record<string, unknown>;
  return Object.keys(sdk).length > 0 ? { sdk } : {};
}
