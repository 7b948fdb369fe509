// Serves the benchmark's OpenAI organization from its own process, so generating and encoding
// pages does not compete with the sync for the event loop (the machine has two cores). Prints
// one JSON line with the URL and credentials, then serves until killed.
import { startOpenAiSimulatorFromRegistry } from './bench-simulator';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
  const sim = await startOpenAiSimulatorFromRegistry(options);
  process.stdout.write(
    `${JSON.stringify({ url: sim.url, baseUrl: sim.adapterDeps().baseUrl, credentials: sim.credentials, dataRange: sim.dataRange })}\n`,
  );
  process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

void main();
