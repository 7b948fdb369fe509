import { getSimulator, type ProviderSimulator, type SimulatorOptions } from '@spendsync/simulators';

/** The registered OpenAI simulator (the benchmark's data source). */
export function startOpenAiSimulatorFromRegistry(options: SimulatorOptions): Promise<ProviderSimulator> {
  return getSimulator('openai')(options);
}

/** What the simulator child reports once it listens. */
export type SimulatorHandle = {
  url: string;
  baseUrl: string;
  credentials: Record<string, unknown>;
  dataRange: { start: string; end: string };
};
