import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { SYNC_LOG_APPENDED, SYNC_RUN_PROGRESSED } from './documents';
import type { GraphqlTransport } from './graphql';
import { RESOURCES } from './index';
import type { SyncLogLine, SyncProgress } from './records';

/** Where the latest progress event of a run is kept in react-query's cache. */
export const runProgressKey = (runId: string): QueryKey => ['sync-progress', 'run', runId];

/** Where the latest progress event of an account's current run is kept. */
export const accountProgressKey = (accountId: string): QueryKey => ['sync-progress', 'account', accountId];

/** Where a run's log lines are kept (filled by a query, extended by the subscription). */
export const logLinesKey = (runId: string): QueryKey => [RESOURCES.syncRuns, 'logLines', runId];

const isProgressKey = (key: QueryKey) => key[0] === 'sync-progress';

/** Options of {@link startLiveUpdates}. */
export type LiveUpdateOptions = {
  /** Events within this window share one refetch (default 250 ms). */
  debounceMs?: number;
  onError?: (error: Error) => void;
};

/**
 * Follows every sync of the organization over the subscription and keeps react-query current,
 * without polling: each event is stored as the run's (and its account's) progress; a run that
 * starts or changes status refetches the account and run lists; a finished run refetches every
 * query, because new records change every dashboard, and so does a reconnected socket (events
 * were missed). Returns the function that stops it.
 */
export function startLiveUpdates(
  transport: GraphqlTransport,
  queryClient: QueryClient,
  options: LiveUpdateOptions = {},
): () => void {
  const statusByRun = new Map<string, string>();
  let pending: 'lists' | 'all' | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const scope = pending;
    pending = null;
    if (scope === 'all') void queryClient.invalidateQueries({ predicate: (query) => !isProgressKey(query.queryKey) });
    else if (scope === 'lists') {
      void queryClient.invalidateQueries({ queryKey: [RESOURCES.providerAccounts] });
      // Log lines are kept current by their own subscription; refetching them here would be wasted.
      void queryClient.invalidateQueries({
        queryKey: [RESOURCES.syncRuns],
        predicate: (query) => query.queryKey[1] !== 'logLines',
      });
    }
  };
  const schedule = (scope: 'lists' | 'all') => {
    if (pending !== 'all') pending = scope;
    timer ??= setTimeout(flush, options.debounceMs ?? 250);
  };

  const stop = transport.subscribe<{ syncRunProgressed: SyncProgress }>(
    SYNC_RUN_PROGRESSED,
    {},
    {
      next({ syncRunProgressed: event }) {
        queryClient.setQueryData(runProgressKey(event.runId), event);
        queryClient.setQueryData(accountProgressKey(event.providerAccountId), event);
        const previous = statusByRun.get(event.runId);
        statusByRun.set(event.runId, event.status);
        if (event.phase === 'FINISHED') {
          statusByRun.delete(event.runId);
          schedule('all');
        } else if (previous !== event.status) schedule('lists');
      },
      error: options.onError,
    },
  );
  // Events sent while the socket was down are lost: refetch everything once it is back.
  const stopReconnects = transport.onReconnected(() => schedule('all'));
  return () => {
    stop();
    stopReconnects();
    clearTimeout(timer);
  };
}

const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Lines of both lists once each, in id order (ids increase within a run; they are numeric strings). */
export function mergeLogLines(
  existing: readonly SyncLogLine[] | undefined,
  incoming: readonly SyncLogLine[],
): SyncLogLine[] {
  const byId = new Map<string, SyncLogLine>();
  for (const line of existing ?? []) byId.set(line.id, line);
  for (const line of incoming) byId.set(line.id, line);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Appends a run's log lines to its cached list as they are written. Lines written before the
 * subscription started come from the query; the merge drops the overlap. Returns the stop function.
 */
export function followLogLines(
  transport: GraphqlTransport,
  queryClient: QueryClient,
  runId: string,
  onError?: (error: Error) => void,
): () => void {
  return transport.subscribe<{ syncLogAppended: SyncLogLine }>(
    SYNC_LOG_APPENDED,
    { runId },
    {
      next({ syncLogAppended: line }) {
        queryClient.setQueryData<SyncLogLine[]>(logLinesKey(runId), (lines) => mergeLogLines(lines, [line]));
      },
      error: onError,
    },
  );
}
