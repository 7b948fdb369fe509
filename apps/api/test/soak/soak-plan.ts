/** The fault and load suite's sizes, report and faults (`runSoak`). */
import type { FaultSpec } from '@spendsync/simulators';
import type { ProviderId } from '@spendsync/domain';
import type { DeadProcess, StuckRunTrail } from './soak-trail';
import type { SubscribersReport } from './soak-subscribers.child';

/** How big and how long. */
export type SoakSize = {
  version: 'full' | 'short';
  /** Concurrent GraphQL clients on the dashboards. */
  connections: number;
  /** graphql-ws subscribers to sync progress. */
  subscribers: number;
  /** Seconds of load before, during and after the faults (after a warm-up that is not measured). */
  warmupSec: number;
  beforeSec: number;
  duringSec: number;
  afterSec: number;
  /** Days of simulated history per provider. */
  days: number;
  /** Seconds PostgreSQL stays down in its restart. */
  pgDownSec: number;
};

export const SOAK_SIZES: Record<'full' | 'short', SoakSize> = {
  full: {
    version: 'full',
    connections: 100,
    subscribers: 1_000,
    warmupSec: 10,
    beforeSec: 30,
    duringSec: 90,
    afterSec: 30,
    days: 30,
    pgDownSec: 3,
  },
  short: {
    version: 'short',
    connections: 10,
    subscribers: 100,
    warmupSec: 3,
    beforeSec: 6,
    duringSec: 22,
    afterSec: 6,
    days: 10,
    pgDownSec: 2,
  },
};

/** The JSON line the suite prints. */
export type SoakReport = {
  version: 'full' | 'short';
  /** Dashboard requests answered or failed over the whole run. */
  requests: number;
  /** Failed requests during the faults, the seconds PostgreSQL was down excluded. */
  errorRatePct: number;
  /** The same, those seconds included. */
  errorRateWithPgDownPct: number;
  p95Ms: { before: number | null; during: number | null; after: number | null };
  /** Failed requests per second of the fault phase (seconds from its start; PostgreSQL's outage included). */
  errorSeconds: Record<string, number>;
  faults: {
    pgRestart: { atSecond: number; downMs: number };
    apiKilledAtSecond: number;
    simulatorGoneAtSecond: number;
    apiKilled: number;
    simulatorGoneMidPage: string;
    simulatorFaults: Record<string, string>;
  };
  runsStuck: number;
  /** Only when runs are stuck: each one's log lines from every process, and the worker's last lines. */
  stuckRuns?: StuckRunTrail[];
  workerTail?: string[];
  /** Processes that exited without being killed on purpose (a crash), with their last lines. */
  processesDied: DeadProcess[];
  centsOff: number;
  duplicates: number;
  subscribers: Omit<SubscribersReport, 'sampleErrors'> & { sampleErrors?: string[] };
  /** Status of each account's final (fault-free) sync. */
  finalRuns: Record<string, string>;
  runs: Record<string, number>;
  /** Accounts whose stored totals differ from the simulator's ground truth, with both. */
  mismatches: { provider: string; stored: string; truth: string }[];
  seconds: number;
  loadAverage: number[];
  goalsMet: boolean;
  invariantsMet: boolean;
};

/** The simulator fault each provider gets during the fault phase (re-armed every cycle). */
export const FAULTS: Record<ProviderId, { spec: FaultSpec; label: string }> = {
  openai: { spec: { rateLimit: { count: 3, retryAfterSeconds: 1 } }, label: '429 Retry-After: 1 (x3)' },
  anthropic: { spec: { serverError: { count: 2, status: 503 }, slowMs: 200 }, label: '503 (x2), 200 ms slow' },
  'aws-bedrock': { spec: { malformed: { count: 2 } }, label: 'malformed body (x2)' },
  'vertex-ai': { spec: { slowMs: 1_500 }, label: '1.5 s per response' },
  azure: { spec: { rateLimit: { count: 2, retryAfterSeconds: 1 } }, label: '429 Retry-After: 1 (x2)' },
  // Runway's usage endpoint has no paging, so the endless cursor goes to fal's paged usage.
  fal: { spec: { endlessCursor: true, slowMs: 20 }, label: 'endless cursor' },
  runway: { spec: { serverError: { count: 3, status: 500 } }, label: '500 (x3)' },
  openrouter: { spec: { malformed: { count: 1 }, after: 1 }, label: 'malformed 2nd page' },
  litellm: { spec: { rateLimit: { count: 2, retryAfterSeconds: null } }, label: '429 without Retry-After (x2)' },
};
/** The provider whose simulator goes away in the middle of a (slowed) page, then comes back. */
export const GOES_AWAY: ProviderId = 'anthropic';
