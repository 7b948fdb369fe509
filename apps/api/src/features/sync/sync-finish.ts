import { addDays, billingDelayHours, type Day } from '@spendsync/domain';
import { refreshSettledThrough } from './day-reads';
import { chunkDays, nextCompleteThrough } from './sync-plan';
import type { SyncRun, SyncRunStatus } from '../sync-runs/sync-run.entity';
import { progressState, type SyncContext } from './sync-context';
import { describeDays, noBillingDataMessage } from './sync-errors';

/** How the run's work ended before it is closed. */
export type RunEnding = { fatal: string | null; stopReason: string | null };

const MAX_ERROR_TEXT = 4_000;

/** Consecutive missing days as short ranges: `2026-01-01 to 2026-01-03, 2026-01-09`. */
export function describeMissing(days: readonly Day[]): string {
  return chunkDays(days, 100_000)
    .map((r) => describeDays(r, addDays(r.end, -1)))
    .join(', ');
}

function statusOf(ctx: SyncContext, ending: RunEnding): Extract<SyncRunStatus, 'succeeded' | 'partial' | 'failed'> {
  if (ending.fatal) return 'failed';
  if (ctx.pending.size === 0) return 'succeeded';
  return ctx.daysWritten > 0 ? 'partial' : 'failed';
}

function errorText(ctx: SyncContext, ending: RunEnding): string | null {
  if (ctx.pending.size === 0 && !ending.fatal) return null;
  const missing = [...ctx.pending].sort();
  const parts = [
    ending.fatal ?? `${missing.length} of ${ctx.plan.days.length} days not synced: ${describeMissing(missing)}.`,
    ...(ending.stopReason ? [`Stopped early: ${ending.stopReason}.`] : []),
    ...ctx.errors.filter((e) => e !== ending.fatal),
  ];
  return ctx.log.redact(parts.join(' ')).slice(0, MAX_ERROR_TEXT);
}

/** Flags a credential that works but yields nothing at all (DESIGN.md §3): likely the wrong key type. */
async function checkForNoData(ctx: SyncContext, status: SyncRunStatus): Promise<string | null> {
  if (status === 'failed' || ctx.recordsWritten > 0 || ctx.plan.days.length === 0) return null;
  if (await ctx.services.accounts.hasCostRecords(ctx.account.id, ctx.lock.client)) return null;
  const message = noBillingDataMessage(
    ctx.account.provider,
    describeDays(ctx.plan.window, addDays(ctx.plan.window.end, -1)),
  );
  ctx.log.line('warn', message);
  return message;
}

/** Closes the run: status, counts, missing days and error text; updates the account; publishes the last event. */
export async function finishRun(ctx: SyncContext, ending: RunEnding): Promise<SyncRun> {
  const { services, account, lock } = ctx;
  const status = statusOf(ctx, ending);
  const error = errorText(ctx, ending);
  if (ending.stopReason)
    ctx.log.line('warn', `Stopped early: ${ending.stopReason}; ${ctx.pending.size} days are left for the next run`);
  const noData = await checkForNoData(ctx, status).catch(() => null);
  const state = progressState(ctx);
  ctx.log.line(
    status === 'succeeded' ? 'info' : status === 'partial' ? 'warn' : 'error',
    `Sync ${status}: ${state.recordCount} records, ${state.workspaceCount} workspaces, ${state.apiKeyCount} API keys` +
      (state.missingDays.length > 0 ? `; missing days: ${describeMissing(state.missingDays)}` : ''),
  );
  await ctx.log.flush();
  const finished = await services.runs.finish(ctx.run.id, { ...state, status, error }, lock.client);
  await services.accounts.recordResult(
    account.id,
    {
      status: status === 'failed' ? 'error' : 'active',
      lastError: error ?? noData,
      syncNotice: status === 'failed' ? undefined : noData,
      synced: ctx.daysWritten > 0,
      dataCompleteThrough: nextCompleteThrough(
        ctx.plan,
        state.missingDays,
        services.now(),
        ctx.definition.capabilities.dataDelayHours,
        account.dataCompleteThrough,
      ),
    },
    lock.client,
  );
  await refreshSettledThrough(
    lock.client,
    account.id,
    ctx.delayHours ?? billingDelayHours(account.provider),
    services.now(),
  );
  ctx.progress.update(
    {
      status,
      phase: 'finished',
      chunk: null,
      missingDays: state.missingDays,
      recordsSoFar: state.recordCount,
      message: ctx.log.lastMessage,
    },
    true,
  );
  await ctx.progress.flush();
  return finished;
}
