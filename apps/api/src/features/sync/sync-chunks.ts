import type { BillingAdapter } from '@spendsync/adapters';
import { addDays, eachDay, type CostRecord, type DayRange } from '@spendsync/domain';
import { createChunkFetcher } from './chunk-fetcher';
import { upsertProviderApiKeys } from '../api-keys/api-key-directory.service';
import { upsertProviderWorkspaces } from '../workspaces/workspace-directory.service';
import { recordDayReads } from './day-reads';
import { replacePartition } from './replace-partition';
import { noteError, type SyncContext } from './sync-context';
import { describeDays, describeError, isFatal, isRateLimit, reasonText } from './sync-errors';

/** After this many failed chunks in a row the run stops: the provider is down for now. */
const MAX_CONSECUTIVE_FAILURES = 3;

const daysText = (chunk: DayRange) => describeDays(chunk, addDays(chunk.end, -1));

/** Writes the workspaces and keys seen since the last flush. */
export async function flushDirectory(ctx: SyncContext): Promise<void> {
  const changes = ctx.directory.takeChanges();
  const owner = { organizationId: ctx.account.organizationId, providerAccountId: ctx.account.id };
  await upsertProviderWorkspaces(ctx.services.pool, owner, changes.workspaces);
  await upsertProviderApiKeys(ctx.services.pool, owner, changes.apiKeys);
  const counts = ctx.directory.counts();
  ctx.progress.update({ workspaces: counts.workspaces, apiKeys: counts.apiKeys });
}

function failChunk(ctx: SyncContext, chunk: DayRange, error: unknown): void {
  const message = ctx.log.redact(describeError(error));
  for (const day of eachDay(chunk)) ctx.failed.add(day);
  noteError(ctx, message);
  ctx.log.line('error', `${daysText(chunk)} not synced (kept as stored, retried by the next run): ${message}`);
  ctx.progress.update({ daysDone: ctx.daysWritten + ctx.failed.size, missingDays: [...ctx.failed] }, true);
}

/** Replaces the chunk's days in one transaction: a chunk is the unit of atomicity. */
async function writeChunk(ctx: SyncContext, chunk: DayRange, records: CostRecord[]): Promise<void> {
  const days = eachDay(chunk);
  ctx.progress.update({ phase: 'writing', chunk });
  try {
    const { inserted } = await replacePartition(ctx.services.dataSource, {
      organizationId: ctx.account.organizationId,
      providerAccountId: ctx.account.id,
      provider: ctx.account.provider,
      days,
      records,
    });
    await recordDayReads(
      ctx.services.pool,
      { organizationId: ctx.account.organizationId, providerAccountId: ctx.account.id },
      days,
      ctx.services.now(),
    );
    for (const day of days) ctx.pending.delete(day);
    ctx.recordsWritten += inserted;
    ctx.daysWritten += days.length;
    await flushDirectory(ctx);
    ctx.log.line('info', `${daysText(chunk)}: ${inserted} records written`);
    ctx.progress.update({ phase: 'fetching', chunk: null, daysDone: ctx.daysWritten + ctx.failed.size }, true);
  } catch (error) {
    failChunk(ctx, chunk, error);
  }
}

/**
 * Fetches the plan's chunks (`fetchConcurrency` ahead, see chunk-fetcher) and writes each, in
 * plan order, once all its records have arrived; one write is in flight at a time. A failed
 * chunk leaves its days as stored and named missing; a rate limit that outlasted the retries,
 * or several failures in a row, stop the fetching so the provider is not hammered. Fatal
 * errors (bad credentials) are rethrown.
 */
export async function syncChunks(
  ctx: SyncContext,
  adapter: BillingAdapter,
  fetchConcurrency: number,
): Promise<string | null> {
  const fetcher = createChunkFetcher({
    adapter,
    chunks: ctx.plan.chunks,
    concurrency: Math.max(1, fetchConcurrency),
    signal: ctx.signal,
    onRecords: (fetched) => ctx.progress.update({ recordsSoFar: fetched }),
  });
  let writing: Promise<void> = Promise.resolve();
  let consecutiveFailures = 0;
  let stopReason: string | null = null;
  ctx.progress.update({ phase: 'fetching', chunk: ctx.plan.chunks[0] ?? null });
  try {
    for (let result = await fetcher.next(); result; result = await fetcher.next()) {
      const { chunk } = result;
      if ('error' in result) {
        if (ctx.signal.aborted) break;
        if (isFatal(result.error)) throw result.error;
        failChunk(ctx, chunk, result.error);
        consecutiveFailures++;
        if (isRateLimit(result.error)) stopReason = `${ctx.definition.label} is rate limiting beyond our retries`;
        else if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES)
          stopReason = `${consecutiveFailures} chunks in a row failed`;
        if (stopReason) break;
        continue;
      }
      consecutiveFailures = 0;
      ctx.directory.addRecords(result.records);
      await writing;
      writing = writeChunk(ctx, chunk, result.records);
    }
    if (ctx.signal.aborted) stopReason = reasonText(ctx.signal.reason);
  } finally {
    fetcher.stop();
    await writing;
  }
  return stopReason;
}
