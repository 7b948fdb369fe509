import { useDataProvider } from 'react-admin';
import type { SpendsyncDataProvider } from './index';

/** react-admin's data provider with spendsync's extra calls (`graphql`, `refreshProvider`…). */
export function useSpendsyncDataProvider(): SpendsyncDataProvider {
  return useDataProvider<SpendsyncDataProvider>();
}
