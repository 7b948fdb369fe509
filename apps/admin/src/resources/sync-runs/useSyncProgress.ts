import { useQuery, type QueryKey } from '@tanstack/react-query';
import { accountProgressKey, runProgressKey } from '../../data-provider/live';
import type { SyncProgress } from '../../data-provider/records';

/** Reads progress the live feed stored in react-query (never fetched: it only arrives over the subscription). */
function useStoredProgress(key: QueryKey, enabled: boolean): SyncProgress | undefined {
  const { data } = useQuery<SyncProgress | null>({
    queryKey: key,
    queryFn: () => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return enabled ? (data ?? undefined) : undefined;
}

/** The latest live progress event of a run, if one arrived while this page was open. */
export function useRunProgress(runId: string | undefined): SyncProgress | undefined {
  return useStoredProgress(runProgressKey(runId ?? ''), Boolean(runId));
}

/** The latest live progress event of an account's sync. */
export function useAccountProgress(accountId: string | undefined): SyncProgress | undefined {
  return useStoredProgress(accountProgressKey(accountId ?? ''), Boolean(accountId));
}
