import { createContext } from 'react';
import type { GraphqlTransport } from './graphql';

/** The app's GraphQL transport, for subscriptions (queries go through the data provider). */
export const TransportContext = createContext<GraphqlTransport | null>(null);
