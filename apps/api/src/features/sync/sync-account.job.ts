import type { BillingAdapter } from '@spendsync/adapters';
import { addDays, billingDelayHours, credentialSecrets, dayOf } from '@spendsync/domain';
import { runAnomalyDetection } from '../anomalies/anomaly-detection.job';
import { recordBalanceSnapshot } from '../credit-runway/record-balance-snapshot';
import { openCredentials } from '../provider-accounts/provider-account-credentials';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import { flushDirectory, syncChunks } from './sync-chunks';
import { noteError, progressState, type SyncContext } from './sync-context';
import { describeDays, describeError, FatalSyncError, isFatal, reasonText } from './sync-errors';
import { finishRun } from './sync-finish';
import { narrowPlan } from './sync-plan';

/** Decrypts the credentials (in memory only), checks them against the provider's rules and builds the adapter. */
function createAdapter(ctx: SyncContext): BillingAdapter {
  const { services, account, definition } = ctx;
  let raw: unknown;
  try {
    raw = openCredentials(services.cipher, account);
  } catch (error) {
    throw new FatalSyncError((error as Error).message);
  }
  ctx.log.addSecrets(credentialSecrets(account.provider, raw));
  const parsed = definition.credentials.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new FatalSyncError(
      `The stored ${definition.label} credentials are not valid any more (${issues}); update them.`,
    );
  }
  ctx.delayHours = billingDelayHours(
    account.provider,
    (parsed.data as { agreement?: 'PAYG' | 'EA' | 'MCA' }).agreement,
  );
  return definition.create(parsed.data, {
    fetch: globalThis.fetch,
    now: services.now,
    logger: ctx.log.adapterLogger,
    ...services.adapterDeps?.(account),
  });
}

/**
 * Leaves the days this credential cannot read as stored (an OpenRouter standard key reads only
 * today): they leave the plan and are no longer missing.
 */
function narrowToReadable(ctx: SyncContext, readableDays: number): void {
  const firstReadable = addDays(dayOf(ctx.services.now()), -readableDays);
  const narrowed = narrowPlan(ctx.plan, firstReadable);
  const skipped = ctx.plan.days.filter((day) => day < firstReadable).sort();
  if (skipped.length === 0) return;
  ctx.plan = narrowed;
  for (const day of skipped) ctx.pending.delete(day);
  ctx.progress.setDaysTotal(narrowed.days.length);
  ctx.log.line(
    'warn',
    `This credential can read only from ${firstReadable}; ${skipped.length} earlier days (${skipped[0]} to ${skipped[skipped.length - 1]}) are kept as stored`,
  );
}

/** Reads and stores the prepaid credit balance when the adapter can; a failure costs only the snapshot. */
async function syncBalance(ctx: SyncContext, adapter: BillingAdapter): Promise<void> {
  if (!adapter.readBalance) return;
  try {
    const balance = await adapter.readBalance(ctx.signal);
    if (!balance) return;
    await recordBalanceSnapshot(ctx.services.pool, ctx.account, balance, ctx.services.now());
    ctx.log.line('info', `Credit balance: $${balance.remaining.toFixed(2)} left`);
  } catch (error) {
    if (isFatal(error) || ctx.signal.aborted) throw error;
    const reason = ctx.log.redact(describeError(error));
    ctx.log.line('warn', `Could not read the credit balance (records still sync): ${reason}`);
  }
}

/** Lists workspaces and keys when the adapter can; a failure there only costs names, unless it is fatal. */
async function syncDirectory(ctx: SyncContext, adapter: BillingAdapter): Promise<void> {
  ctx.progress.update({ phase: 'listing' });
  const lists = [
    [
      'workspaces',
      adapter.listWorkspaces &&
        (async () => ctx.directory.addListedWorkspaces(await adapter.listWorkspaces!(ctx.signal))),
    ],
    [
      'API keys',
      adapter.listApiKeys && (async () => ctx.directory.addListedApiKeys(await adapter.listApiKeys!(ctx.signal))),
    ],
  ] as const;
  for (const [what, list] of lists) {
    if (!list) continue;
    try {
      await list();
    } catch (error) {
      if (isFatal(error) || ctx.signal.aborted) throw error;
      ctx.log.line(
        'warn',
        `Could not list ${what} (records still sync, names may be missing): ${ctx.log.redact(describeError(error))}`,
      );
    }
  }
  await flushDirectory(ctx);
  const counts = ctx.directory.counts();
  ctx.log.line('info', `Listed ${counts.workspaces} workspaces and ${counts.apiKeys} API keys`);
}

function describeStart(ctx: SyncContext): string {
  const { plan, run } = ctx;
  const window = describeDays(plan.window, addDays(plan.window.end, -1));
  return `Sync started (${run.trigger}): ${plan.days.length} days, ${window}, in ${plan.chunks.length} chunks`;
}

/**
 * Executes one planned run while holding the account's lock: verify the credential, list the
 * directory, fetch and replace each chunk, then close the run with its status, counts, missing
 * days and errors. Never throws for provider or data problems; they end up in the run.
 */
export async function runSyncJob(ctx: SyncContext): Promise<SyncRun> {
  const { services, run, lock } = ctx;
  const heartbeat = setInterval(() => {
    services.runs.heartbeat(run.id, progressState(ctx), lock.client).catch((error: unknown) => {
      services.logger.warn({ runId: run.id, err: String(error) }, 'Sync heartbeat failed');
    });
  }, services.heartbeatMs);
  heartbeat.unref();
  let fatal: string | null = null;
  let stopReason: string | null = null;
  try {
    await services.runs.markRunning(run.id, lock.client);
    await services.accounts.markSyncing(ctx.account.id, lock.client);
    ctx.progress.update({ status: 'running', phase: 'verifying' });
    ctx.log.line('info', describeStart(ctx));
    if (ctx.plan.outOfReach.length > 0) {
      const { outOfReach } = ctx.plan;
      ctx.log.line(
        'warn',
        `${outOfReach.length} requested days (${outOfReach[0]} to ${outOfReach[outOfReach.length - 1]}) are older than the ${ctx.definition.capabilities.historyDays} days ${ctx.definition.label} can serve; their stored data is kept as it is`,
      );
    }
    if (ctx.plan.retried.length > 0)
      ctx.log.line(
        'info',
        `Retrying first the ${ctx.plan.retried.length} days the previous run missed: ${ctx.plan.retried.join(', ')}`,
      );
    const adapter = createAdapter(ctx);
    const verified = await adapter.verify(ctx.signal);
    ctx.log.line(
      verified.detail === 'full' ? 'info' : 'warn',
      `Credential verified${verified.accountName ? ` (${verified.accountName})` : ''}${verified.message ? `: ${verified.message}` : ''}`,
    );
    if (verified.readableDays !== undefined) narrowToReadable(ctx, verified.readableDays);
    await syncDirectory(ctx, adapter);
    await syncBalance(ctx, adapter);
    stopReason = await syncChunks(ctx, adapter, services.fetchConcurrency);
  } catch (error) {
    if (ctx.signal.aborted) stopReason = reasonText(ctx.signal.reason);
    else {
      fatal = ctx.log.redact(describeError(error));
      noteError(ctx, fatal);
      ctx.log.line('error', `Sync failed: ${fatal}`);
    }
  } finally {
    clearInterval(heartbeat);
  }
  return finishRun(ctx, { fatal, stopReason });
}

/**
 * Anomaly detection once a run that wrote days is closed (its window is judged again, however old) and its account lock released (an
 * unlink or the next run need not wait for it); a failure there is logged, never the run's.
 */
export async function detectAfterSync(ctx: SyncContext): Promise<void> {
  if (ctx.daysWritten === 0) return;
  try {
    const rewritten = { provider: ctx.account.provider, days: ctx.plan.window };
    const result = await runAnomalyDetection(ctx.services.pool, ctx.services.pubsub, ctx.account.organizationId, {
      rewritten,
      now: ctx.services.now(),
    });
    ctx.services.logger.info({ runId: ctx.run.id, ...result }, 'Anomaly detection finished');
  } catch (error) {
    ctx.services.logger.warn(
      { runId: ctx.run.id, err: String(error) },
      'Anomaly detection failed; the next sync tries again',
    );
  }
}
