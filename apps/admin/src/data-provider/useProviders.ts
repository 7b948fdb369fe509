import { useQuery } from '@tanstack/react-query';
import { RESOURCES } from './index';
import type { ProviderInfo } from './records';
import { useSpendsyncDataProvider } from './useSpendsyncDataProvider';

/** Every provider with its credential guide; it only changes with a new server version. */
export function useProviders() {
  const dataProvider = useSpendsyncDataProvider();
  return useQuery<ProviderInfo[]>({
    queryKey: [RESOURCES.providers, 'all'],
    queryFn: () => dataProvider.getProviders(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
