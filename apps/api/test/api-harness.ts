import { randomUUID } from 'node:crypto';
import type { AdapterDeps } from '@spendsync/adapters';
import type { OidcConfig } from '@spendsync/config';
import { TEST_RETRY_POLICY } from '@spendsync/adapters/testing';
import type { GraphQLSchema } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { buildApp, startApi } from '../src/app';
import { createDataSource } from '../src/data-source';
import type { ApiContext } from '../src/context';
import type { GraphqlEndpoint } from '../src/graphql/graphql-server';
import type { ApiServer } from '../src/server';
import type { ApiServices } from '../src/services';
import type { Caller } from '../src/features/auth/caller';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../src/features/auth/login-limiter';
import type { SyncEngine } from '../src/features/sync/sync-engine.types';
import type { SyncPubSub, SyncTopicMap } from '../src/features/sync/sync-pubsub';
import type { SocketLimits } from '../src/graphql/socket-guard';
import type { ExportLimits } from '../src/features/exports/export.router';
import type { PersistedQueryLimits } from '../src/graphql/persisted-queries';
import { createLogger, type Logger } from '../src/logger';
import type { ApiMetrics } from '../src/metrics/api-metrics';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import { buildApiSchema } from '../src/schema';
import { TEST_CIPHER } from './support/test-cipher';
import { openTestDataSource, testDatabaseUrl } from './test-data-source';
import type { UntypedData } from './support/untyped-data';

/** A GraphQL response as the client sees it. */
export type GqlResponse<T = UntypedData> = {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
};

/** A running API on a random port with a real database, sync engine and in-memory pub/sub. */
export type TestApi = {
  ds: DataSource;
  schema: GraphQLSchema;
  services: ApiServices;
  engine: SyncEngine;
  pubsub: SyncPubSub;
  endpoint: GraphqlEndpoint;
  server: ApiServer;
  url: string;
  /** Every log line the API wrote, as JSON text (to scan for secrets). */
  logLines: string[];
  /** POSTs a GraphQL operation with an optional bearer token. */
  gql<T = UntypedData>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  /** Runs an operation in process (Apollo's executeOperation) as `caller`. */
  exec<T = UntypedData>(
    query: string,
    variables: Record<string, unknown> | undefined,
    caller: Caller | null,
  ): Promise<GqlResponse<T>>;
  /** A graphql-ws client connected with `token`. */
  wsClient(token?: string): Client;
  close(): Promise<void>;
};

export type TestApiOptions = {
  allowCustomEndpoints?: boolean;
  loginLimits?: LoginLimits;
  now?: () => Date;
  backfillDays?: number;
  corsOrigins?: readonly string[];
  socketLimits?: SocketLimits;
  meteringPerMinute?: number;
  exportLimits?: ExportLimits;
  /**
   * SPENDSYNC_STATEMENT_TIMEOUT_MS of the serving pool (`ds`), as main.ts wires it: the engine and
   * budget evaluation then run on a second pool without it (default: one pool, no timeout).
   */
  statementTimeoutMs?: number;
  /** SPENDSYNC_LITELLM_ALLOWED_HOSTS (default: none). */
  litellmAllowedHosts?: readonly string[];
  /** SPENDSYNC_TRUSTED_PROXIES for the server (default: none). */
  trustedProxies?: readonly string[];
  persistedQueries?: PersistedQueryLimits;
  /** Counts runs, GraphQL requests and WebSockets and serves `GET /metrics`, as main.ts does. */
  metrics?: { metrics: ApiMetrics; token?: string };
  /** Single sign-on (SPENDSYNC_OIDC_*), default off. */
  oidc?: OidcConfig;
};

function captureLogger(lines: string[]): Logger {
  return createLogger('debug', { write: (line: string) => void lines.push(line) });
}

/** Starts the API as main.ts wires it (server, GraphQL, WebSocket, engine), on 127.0.0.1:0. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const worker = await openTestDataSource();
  const ds =
    options.statementTimeoutMs === undefined
      ? worker
      : createDataSource({ url: testDatabaseUrl(), poolSize: 4, statementTimeoutMs: options.statementTimeoutMs });
  if (!ds.isInitialized) await ds.initialize();
  const logLines: string[] = [];
  const logger = captureLogger(logLines);
  const allowCustomEndpoints = options.allowCustomEndpoints ?? true;
  const pubsub = createInMemoryPubSub<SyncTopicMap>();
  // Provider calls go through buildApp's guarded fetch, as in the server.
  const retry: Partial<AdapterDeps> = { retry: TEST_RETRY_POLICY };
  const app = buildApp({
    dataSource: ds,
    workerDataSource: worker,
    cipher: TEST_CIPHER,
    pubsub,
    logger,
    backfillDays: options.backfillDays ?? 30,
    now: options.now,
    allowCustomEndpoints,
    litellmAllowedHosts: options.litellmAllowedHosts,
    adapterDeps: retry,
    // Each test API counts password attempts apart: the counters live in the run's shared database.
    loginLimits: { ...(options.loginLimits ?? DEFAULT_LOGIN_LIMITS), scope: randomUUID() },
    verifyTimeoutMs: 10_000,
    engine: { heartbeatMs: 200 },
    metrics: options.metrics?.metrics,
    oidc: options.oidc,
  });
  const { services, engine } = app;
  const schema = await buildApiSchema();
  const api = await startApi(app, {
    schema,
    port: 0,
    host: '127.0.0.1',
    trustedProxies: options.trustedProxies,
    metricsToken: options.metrics?.token,
    persistedQueries: options.persistedQueries,
    corsOrigins: options.corsOrigins,
    socketLimits: options.socketLimits,
    meteringPerMinute: options.meteringPerMinute,
    exportLimits: options.exportLimits,
  });
  const { server, graphql: endpoint, port } = api;
  const url = `http://127.0.0.1:${port}/graphql`;
  const clients: Client[] = [];
  return {
    ds,
    schema,
    services,
    engine,
    pubsub,
    endpoint,
    server,
    url,
    logLines,
    async gql(query, variables, token) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async exec(query, variables, caller) {
      const contextValue: ApiContext = { caller, services, logger, clientAddress: 'in-process' };
      const response = await endpoint.apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('Expected a single result');
      return { status: response.http.status ?? 200, ...(response.body.singleResult as object) };
    },
    wsClient(token) {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await engine.stop();
      await services.deliveryWorker.stop();
      await endpoint.stop();
      await server.close();
      await pubsub.close();
      await ds.destroy();
      if (worker !== ds) await worker.destroy();
    },
  };
}

/** A signed-in user of a tenant. */
export type TestUser = { id: string; email: string; token: string; caller: Caller };

/** An organization with an admin and a viewer, both signed in (through the real login). */
export type Tenant = { organizationId: string; admin: TestUser; viewer: TestUser };

/** The test password of every user {@link createTenant} makes. */
export const TEST_PASSWORD = 'correct horse battery staple';

async function signIn(api: TestApi, email: string): Promise<TestUser> {
  const { token, user } = await api.services.auth.login(email, TEST_PASSWORD, `test-${randomUUID()}`);
  const caller = await api.services.auth.authenticate(token);
  return { id: user.id, email, token, caller: caller! };
}

/** Creates a tenant; emails are unique per call so tests sharing the database never collide. */
export async function createTenant(api: TestApi, name = 'Tenant'): Promise<Tenant> {
  const organization = await api.services.organizations.create(`${name} ${randomUUID()}`);
  const tag = randomUUID().slice(0, 8);
  const admin = await api.services.users.create(organization.id, {
    email: `admin-${tag}@example.com`,
    password: TEST_PASSWORD,
    role: 'admin',
  });
  const viewer = await api.services.users.create(organization.id, {
    email: `viewer-${tag}@example.com`,
    password: TEST_PASSWORD,
    role: 'viewer',
  });
  return {
    organizationId: organization.id,
    admin: await signIn(api, admin.email),
    viewer: await signIn(api, viewer.email),
  };
}

/** Collects a subscription's results until `count` arrived (or it ends), failing after `timeoutMs`. */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
  timeoutMs = 20_000,
) {
  const results: { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[] = [];
  let unsubscribe = () => {};
  const done = new Promise<typeof results>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Only ${results.length} of ${count} events within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve(results);
    };
    unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          results.push(value as never);
          if (results.length >= count) finish();
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        complete: finish,
      },
    );
  });
  return { done, results, stop: () => unsubscribe() };
}

/** Waits until a run is finished (the engine runs it in the background). */
export async function waitForRun(
  api: TestApi,
  tenant: Tenant,
  runId: string,
  timeoutMs = 30_000,
): Promise<{ status: string; error: string | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await api.gql(
      'query($id: ID!) { syncRun(id: $id) { status error } }',
      { id: runId },
      tenant.admin.token,
    );
    if (!['QUEUED', 'RUNNING'].includes(data.syncRun.status)) return data.syncRun;
    if (Date.now() > deadline) throw new Error(`Run ${runId} still ${data.syncRun.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
