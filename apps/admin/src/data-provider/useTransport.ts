import { useContext } from 'react';
import type { GraphqlTransport } from './graphql';
import { TransportContext } from './transport-context';

/** The GraphQL transport App.tsx provides. */
export function useTransport(): GraphqlTransport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useTransport needs <TransportContext.Provider> (App.tsx provides it)');
  return transport;
}
