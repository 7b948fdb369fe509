import type { Day, ProviderId } from '@spendsync/domain';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar } from '../../graphql/scalars';
import type { SyncPhase } from './sync-run.topics';
import type { SyncLogLevel } from './sync-log-entry.entity';
import type { SyncRunStatus } from './sync-run.entity';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';

export const SyncTriggerEnum = { LINK: 'link', SCHEDULE: 'schedule', MANUAL: 'manual' } as const;
registerEnumType(SyncTriggerEnum, {
  name: 'SyncTrigger',
  description: 'LINK: the backfill when an account is linked; SCHEDULE: the cron; MANUAL: Refresh Data.',
});

export const SyncRunStatusEnum = {
  QUEUED: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  PARTIAL: 'partial',
  FAILED: 'failed',
} as const;
registerEnumType(SyncRunStatusEnum, {
  name: 'SyncRunStatus',
  description: 'PARTIAL: some days could not be fetched (see missingDays); the next run retries them.',
});

export const SyncLogLevelEnum = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
registerEnumType(SyncLogLevelEnum, { name: 'SyncLogLevel' });

export const SyncPhaseEnum = {
  QUEUED: 'queued',
  VERIFYING: 'verifying',
  LISTING: 'listing',
  FETCHING: 'fetching',
  WRITING: 'writing',
  FINISHED: 'finished',
} as const;
registerEnumType(SyncPhaseEnum, { name: 'SyncPhase', description: 'What a run is doing right now.' });

/** One sync of one provider account over a window of days. */
@Directive('@key(fields: "id")')
@ObjectType('SyncRun', { description: 'One sync of one provider account over a half-open window of days.' })
export class SyncRunObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => SyncTriggerEnum)
  trigger: SyncTrigger;

  @Field(() => SyncRunStatusEnum)
  status: SyncRunStatus;

  @Field(() => DateScalar, { description: 'First day of the window.' })
  windowStart: Day;

  @Field(() => DateScalar, { description: 'Day after the window (excluded).' })
  windowEnd: Day;

  @Field({ description: 'When the run was queued.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int)
  workspaceCount: number;

  @Field(() => Int)
  apiKeyCount: number;

  @Field(() => Int)
  recordCount: number;

  @Field(() => String, { nullable: true, description: 'What went wrong, free of secrets.' })
  error: string | null;

  @Field(() => [DateScalar], { description: 'Days the run could not fetch; the next run retries them first.' })
  missingDays: Day[];

  /** Not a GraphQL field: scopes nested fields. */
  organizationId: string;
}

/** A page of runs, newest first. */
@ObjectType('SyncRunPage')
export class SyncRunPageObject {
  @Field(() => Int, { description: 'Runs in total (all pages).' })
  total: number;

  @Field(() => [SyncRunObject])
  items: SyncRunObject[];
}

/** One line of a run's sync log. */
@ObjectType('SyncLogLine', { description: "One line of a sync run's log; ids order lines within a run." })
export class SyncLogLineObject {
  @Field(() => ID, { description: 'Increasing within a run: pass the last one seen as `afterId` to page.' })
  id: string;

  @Field(() => ID)
  runId: string;

  @Field()
  at: Date;

  @Field(() => SyncLogLevelEnum)
  level: SyncLogLevel;

  @Field()
  message: string;
}

/** A live progress event of a run. */
@ObjectType('SyncRunProgress', { description: 'A live progress event of a sync run.' })
export class SyncRunProgressObject {
  @Field(() => ID)
  runId: string;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field(() => SyncTriggerEnum)
  trigger: SyncTrigger;

  @Field(() => SyncRunStatusEnum)
  status: SyncRunStatus;

  @Field(() => SyncPhaseEnum)
  phase: SyncPhase;

  @Field(() => DateScalar)
  windowStart: Day;

  @Field(() => DateScalar)
  windowEnd: Day;

  @Field(() => Int, { description: 'Days written (or found empty) so far.' })
  daysDone: number;

  @Field(() => Int)
  daysTotal: number;

  @Field(() => Float, { description: 'Records written so far, plus those fetched for the chunk in hand.' })
  recordsSoFar: number;

  @Field(() => Int)
  workspaces: number;

  @Field(() => Int)
  apiKeys: number;

  @Field(() => [DateScalar])
  missingDays: Day[];

  @Field(() => DateScalar, { nullable: true, description: 'First day of the chunk in hand.' })
  chunkStart: Day | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day after the chunk in hand.' })
  chunkEnd: Day | null;

  @Field(() => String, { nullable: true, description: 'The latest log line.' })
  message: string | null;

  @Field()
  at: Date;
}
