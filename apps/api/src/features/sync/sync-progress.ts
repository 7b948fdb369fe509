import type { Day, DayRange } from '@spendsync/domain';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import { SYNC_TOPICS, type SyncPhase, type SyncRunProgress } from '../sync-runs/sync-run.topics';
import { type SyncPubSub } from './sync-pubsub';

/** The parts of a progress event that change during a run. */
export type ProgressState = Pick<
  SyncRunProgress,
  'status' | 'phase' | 'daysDone' | 'recordsSoFar' | 'workspaces' | 'apiKeys' | 'chunk' | 'message'
> & {
  missingDays: Day[];
};

/** Publishes a run's progress, at most every `minIntervalMs` unless forced (phase changes, chunk ends). */
export type ProgressReporter = {
  readonly state: Readonly<ProgressState>;
  update(change: Partial<ProgressState>, force?: boolean): void;
  /** Changes how many days the run covers (a credential that can read fewer days than planned). */
  setDaysTotal(daysTotal: number): void;
  /** Resolves once every published event has been handed to the pub/sub. */
  flush(): Promise<void>;
};

export type ProgressReporterOptions = {
  run: Pick<SyncRun, 'id' | 'organizationId' | 'providerAccountId' | 'trigger'> & {
    provider: SyncRunProgress['provider'];
  };
  window: DayRange;
  daysTotal: number;
  pubsub: SyncPubSub;
  onError(error: unknown): void;
  minIntervalMs?: number;
  now?: () => Date;
};

const PHASE_ORDER: readonly SyncPhase[] = ['queued', 'verifying', 'listing', 'fetching', 'writing', 'finished'];

/** Creates a {@link ProgressReporter} starting in phase `queued`. */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? (() => new Date());
  const minInterval = options.minIntervalMs ?? 250;
  const state: ProgressState = {
    status: 'queued',
    phase: PHASE_ORDER[0]!,
    daysDone: 0,
    recordsSoFar: 0,
    workspaces: 0,
    apiKeys: 0,
    chunk: null,
    message: null,
    missingDays: [],
  };
  let lastSent = 0;
  let daysTotal = options.daysTotal;
  let chain: Promise<void> = Promise.resolve();

  const publish = () => {
    const event: SyncRunProgress = {
      runId: options.run.id,
      organizationId: options.run.organizationId,
      providerAccountId: options.run.providerAccountId,
      provider: options.run.provider,
      trigger: options.run.trigger,
      window: options.window,
      daysTotal,
      ...state,
      missingDays: [...state.missingDays].sort(),
      at: now().toISOString(),
    };
    lastSent = Date.now();
    chain = chain.then(() => options.pubsub.publish(SYNC_TOPICS.RUN_PROGRESSED, event)).catch(options.onError);
  };

  return {
    state,
    update(change, force = false) {
      const phaseChanged = change.phase !== undefined && change.phase !== state.phase;
      const statusChanged = change.status !== undefined && change.status !== state.status;
      Object.assign(state, change);
      if (force || phaseChanged || statusChanged || Date.now() - lastSent >= minInterval) publish();
    },
    setDaysTotal(total) {
      daysTotal = total;
    },
    flush: () => chain,
  };
}
