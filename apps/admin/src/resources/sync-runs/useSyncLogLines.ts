import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { followLogLines, logLinesKey, mergeLogLines } from '../../data-provider/live';
import type { SyncLogLine } from '../../data-provider/records';
import { useSpendsyncDataProvider } from '../../data-provider/useSpendsyncDataProvider';
import { useTransport } from '../../data-provider/useTransport';

/**
 * A run's log lines: those already written (query), and while `live`, each new one as it is
 * written (subscription, merged into the same react-query entry). When the run finishes the
 * live feed invalidates every query, so the final list is read once more in full.
 */
export function useSyncLogLines(runId: string, live: boolean) {
  const dataProvider = useSpendsyncDataProvider();
  const queryClient = useQueryClient();
  const transport = useTransport();
  const key = logLinesKey(runId);
  const query = useQuery<SyncLogLine[]>({
    queryKey: key,
    // Lines the subscription added while this was loading are kept.
    queryFn: async () => mergeLogLines(queryClient.getQueryData(key), await dataProvider.getSyncLogLines(runId)),
  });
  useEffect(
    () => (live ? followLogLines(transport, queryClient, runId) : undefined),
    [live, runId, transport, queryClient],
  );
  return query;
}
