import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { parse as parseYaml } from 'yaml';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

const ROUTER_DIR = path.join(__dirname, '..', 'router');

type RouterConfig = {
  supergraph: { path: string };
  headers: { subgraphs: { spendsync: { request: { propagate?: { named: string } }[] } } };
  include_subgraph_errors: { subgraphs: { spendsync: boolean } };
  subscription: {
    enabled: boolean;
    mode: { passthrough: { subgraphs: { spendsync: { path: string; protocol: string } } } };
  };
};

/** Apollo Router's protocol names → the WebSocket subprotocol it asks for. */
const ROUTER_SUBPROTOCOLS: Record<string, string> = {
  graphql_ws: 'graphql-transport-ws',
  graphql_transport_ws: 'graphql-ws',
};

describe('apps/api/router: the Apollo Router configuration works against spendsync', () => {
  const config = parseYaml(readFileSync(path.join(ROUTER_DIR, 'router.yaml'), 'utf8')) as RouterConfig;
  const passthrough = config.subscription.mode.passthrough.subgraphs.spendsync;
  let api: TestApi;
  let tenant: Tenant;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await api?.close();
  });

  /** A graphql-ws client connecting as the router does: the configured path and subprotocol. */
  const routerLikeClient = (connectionParams: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const subprotocol = ROUTER_SUBPROTOCOLS[passthrough.protocol]!;
    class RouterSocket extends WebSocket {
      constructor(url: string) {
        super(url, subprotocol, { headers });
      }
    }
    const client = createClient({
      url: new URL(passthrough.path, api.url.replace('http', 'ws')).toString(),
      webSocketImpl: RouterSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams,
    });
    clients.push(client);
    return client;
  };

  const viewerRole = (client: Client) =>
    new Promise<unknown>((resolve, reject) => {
      let result: unknown;
      client.subscribe(
        { query: '{ spendsyncViewer { role } }' },
        {
          next: (value) => {
            result = value;
          },
          error: reject,
          complete: () => resolve(result),
        },
      );
    });

  it('passes subscriptions through over WebSocket on the path and protocol spendsync serves, forwarding Authorization', () => {
    expect(config.subscription.enabled).toBe(true);
    expect(passthrough).toMatchObject({ path: '/graphql', protocol: 'graphql_ws' });
    expect(config.supergraph.path).toBe('/graphql');
    expect(config.headers.subgraphs.spendsync.request.map((rule) => rule.propagate?.named)).toEqual([
      'authorization',
      'x-forwarded-for',
    ]);
    // spendsync's error codes (RATE_LIMITED, UNAUTHENTICATED…) reach clients; it masks its own unexpected errors.
    expect(config.include_subgraph_errors.subgraphs.spendsync).toBe(true);
    const rover = parseYaml(readFileSync(path.join(ROUTER_DIR, 'supergraph.yaml'), 'utf8')) as {
      subgraphs: { spendsync: { routing_url: string } };
    };
    expect(new URL(rover.subgraphs.spendsync.routing_url).pathname).toBe(passthrough.path);
  });

  it.each([
    [
      "connectionParams.token (the router's default)",
      (token: string) => routerLikeClient({ token: `Bearer ${token}` }),
    ],
    ['connectionParams.token without "Bearer "', (token: string) => routerLikeClient({ token })],
    ['connectionParams.authorization', (token: string) => routerLikeClient({ authorization: `Bearer ${token}` })],
    [
      "the upgrade request's Authorization header",
      (token: string) => routerLikeClient({}, { authorization: `Bearer ${token}` }),
    ],
  ])('accepts the credential in %s', async (_where, connect) => {
    await expect(viewerRole(connect(tenant.viewer.token))).resolves.toEqual({
      data: { spendsyncViewer: { role: 'VIEWER' } },
    });
  });

  it('closes a connection with a bad token in any of those places (4403)', async () => {
    for (const client of [
      routerLikeClient({ token: 'Bearer nope' }),
      routerLikeClient({}, { authorization: 'Bearer nope' }),
    ]) {
      await expect(viewerRole(client)).rejects.toMatchObject({ code: 4403 });
    }
  });

  it('answers a subscription sent over HTTP with a clear error, not "Unexpected error." (regression: TypeError reading runId)', async () => {
    const logged = api.logLines.length;
    const response = await api.gql(
      'subscription { spendsyncSyncLogAppended(runId: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      tenant.viewer.token,
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(response.errors?.[0]?.message).toContain('WebSocket');
    expect(api.logLines.slice(logged).filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });
});
