import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { SpendsyncDataProvider } from '../../data-provider';
import { CREDIT_RUNWAYS, type CreditRunway } from './runway-documents';

/** The react-query key of the runways (grant changes invalidate it). */
export const RUNWAYS_QUERY_KEY = ['credit-runways'] as const;

/** Every runway of the organization, one query shared by every row and the Grants screen. */
export function useRunways() {
  const dataProvider = useDataProvider<SpendsyncDataProvider>();
  return useQuery({
    queryKey: RUNWAYS_QUERY_KEY,
    queryFn: async () =>
      (await dataProvider.graphql<{ spendsyncCreditRunways: CreditRunway[] }>(CREDIT_RUNWAYS)).spendsyncCreditRunways,
  });
}
