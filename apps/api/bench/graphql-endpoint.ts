import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ApiContext } from '../src/context';
import type { Caller } from '../src/features/auth/caller';
import { createCredentialCipher } from '../src/features/provider-accounts/credential-cipher';
import type { SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { mountGraphql } from '../src/graphql/graphql-server';
import { createLogger } from '../src/logger';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import { buildApiSchema } from '../src/schema';
import { createServer } from '../src/server';
import { buildApp } from '../src/app';

/** The API's GraphQL endpoint as main.ts mounts it (limits, access rules, error masking), for in-process operations. */
export type BenchGraphql = {
  /** Runs an operation as `caller` (Apollo's executeOperation); throws on GraphQL errors. */
  run(query: string, variables: Record<string, unknown>, caller: Caller): Promise<unknown>;
  close(): Promise<void>;
};

/** Mounts GraphQL over `dataSource` with `now` as the clock; nothing listens on a port and no sync runs. */
export async function startBenchGraphql(dataSource: DataSource, now: () => Date): Promise<BenchGraphql> {
  const logger = createLogger('silent');
  const pubsub = createInMemoryPubSub<SyncTopicMap>();
  // The whole graph as main.ts builds it; the benchmark never triggers a sync.
  const { services } = buildApp({
    dataSource,
    cipher: createCredentialCipher(randomBytes(32)),
    pubsub,
    logger,
    allowCustomEndpoints: false,
    now,
    backfillDays: 1,
  });
  const server = createServer({ dataSource, logger });
  const endpoint = await mountGraphql(server, { schema: await buildApiSchema(), services, logger });
  return {
    async run(query, variables, caller) {
      const contextValue: ApiContext = { caller, services, logger, clientAddress: 'bench' };
      const response = await endpoint.apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('Expected a single result');
      const { data, errors } = response.body.singleResult;
      if (errors) throw new Error(JSON.stringify(errors));
      return data;
    },
    async close() {
      await endpoint.stop();
      await pubsub.close();
    },
  };
}
