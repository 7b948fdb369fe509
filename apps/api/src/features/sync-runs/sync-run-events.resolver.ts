import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { notFound } from '../../errors';
import { SYNC_TOPICS, type SyncLogAppended, type SyncRunProgress } from './sync-run.topics';
import { SyncLogLineObject, SyncRunProgressObject } from './sync-run.type';

/** The GraphQL shape of a progress event (times parsed, window and chunk flattened). */
export function toProgressObject(event: SyncRunProgress): SyncRunProgressObject {
  return {
    runId: event.runId,
    providerAccountId: event.providerAccountId,
    provider: event.provider,
    trigger: event.trigger,
    status: event.status,
    phase: event.phase,
    windowStart: event.window.start,
    windowEnd: event.window.end,
    daysDone: event.daysDone,
    daysTotal: event.daysTotal,
    recordsSoFar: event.recordsSoFar,
    workspaces: event.workspaces,
    apiKeys: event.apiKeys,
    missingDays: event.missingDays,
    chunkStart: event.chunk?.start ?? null,
    chunkEnd: event.chunk?.end ?? null,
    message: event.message,
    at: new Date(event.at),
  };
}

/**
 * Live sync events over graphql-ws, fed by the sync engine's pub/sub. Each subscription is
 * filtered to the caller's organization when it is set up, so no event of another
 * organization is ever delivered, whatever the arguments.
 */
@Resolver()
export class SyncRunSubscriptionResolver {
  @Subscription(() => SyncRunProgressObject, {
    description: 'Progress of sync runs: of one account, or of every account of the organization.',
    subscribe: async ({ args, context }) => {
      const ctx = context as ApiContext;
      const { organizationId } = requireCaller(ctx);
      const accountId = (args as { providerAccountId?: string | null }).providerAccountId ?? null;
      if (accountId !== null) await ctx.services.providerAccounts.require(organizationId, accountId);
      return ctx.services.pubsub.subscribe(
        SYNC_TOPICS.RUN_PROGRESSED,
        (event) =>
          event.organizationId === organizationId && (accountId === null || event.providerAccountId === accountId),
      );
    },
  })
  syncRunProgressed(
    @Root() event: SyncRunProgress,
    @Arg('providerAccountId', () => ID, { nullable: true }) _providerAccountId: string | null,
  ): SyncRunProgressObject {
    return toProgressObject(event);
  }

  @Subscription(() => SyncLogLineObject, {
    description: 'Log lines of one run as they are written.',
    subscribe: async ({ args, context }) => {
      const ctx = context as ApiContext;
      const { organizationId } = requireCaller(ctx);
      const { runId } = args as { runId: string };
      if (!(await ctx.services.syncRuns.get(organizationId, runId))) throw notFound('Sync run', runId);
      return ctx.services.pubsub.subscribe(
        SYNC_TOPICS.LOG_APPENDED,
        (line) => line.organizationId === organizationId && line.runId === runId,
      );
    },
  })
  syncLogAppended(@Root() line: SyncLogAppended, @Arg('runId', () => ID) _runId: string): SyncLogLineObject {
    return { id: line.id, runId: line.runId, at: new Date(line.at), level: line.level, message: line.message };
  }
}
