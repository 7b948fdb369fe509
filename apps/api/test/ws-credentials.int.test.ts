import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

// Open graphql-ws sockets must not outlive the credential they signed in with: each operation
// re-checks it (recheckMs 0 here), a sweep closes idle sockets whose credential ended, and the
// caps bound what one caller and one frame can take.
type Result = {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
};

describe('graphql-ws sockets follow their credential', () => {
  let api: TestApi;
  const clients: Client[] = [];
  beforeAll(async () => {
    api = await startTestApi({
      socketLimits: {
        recheckMs: 0,
        sweepMs: 150,
        maxPayloadBytes: 64 * 1024,
        maxConnectionsPerCaller: 2,
        maxSubscriptionsPerCaller: 2,
      },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await api?.close();
  });

  const connect = (authorization: string) => {
    const closes: number[] = [];
    const client = createClient({
      url: api.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization },
      on: { closed: (event) => void closes.push((event as { code: number }).code) },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    return { client, closes };
  };
  const run = (client: Client, query: string, variables?: Record<string, unknown>) =>
    new Promise<Result | { closed: number }>((resolve) => {
      let result: Result = {};
      client.subscribe(
        { query, variables },
        {
          next: (value) => {
            result = value as Result;
          },
          error: (error) =>
            resolve(Array.isArray(error) ? { errors: error } : { closed: (error as { code?: number }).code ?? -1 }),
          complete: () => resolve(result),
        },
      );
    });
  const until = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 200; i += 1) {
      if (check()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('refuses operations after logout and closes the socket, minting nothing', async () => {
    const tenant: Tenant = await createTenant(api);
    const { client, closes } = connect(`Bearer ${tenant.admin.token}`);
    expect(await run(client, '{ me { user { email } } }')).toEqual({
      data: { me: { user: { email: tenant.admin.email } } },
    });
    expect((await api.gql('mutation { logout }', {}, tenant.admin.token)).data).toEqual({ logout: true });
    const after = await run(client, 'mutation { createApiToken(name: "after logout") { token } }');
    expect(after).not.toHaveProperty('data.createApiToken');
    await until(() => closes.includes(4403), 'the 4403 close');
    const [{ n }] = await api.ds.query('SELECT count(*)::int AS n FROM api_tokens WHERE organization_id = $1', [
      tenant.organizationId,
    ]);
    expect(n).toBe(0);
  });

  it('applies a role change to the next operation on an open socket', async () => {
    const tenant = await createTenant(api);
    const { client } = connect(`Bearer ${tenant.admin.token}`);
    expect(await run(client, 'mutation { createApiToken(name: "while admin") { apiToken { name } } }')).toEqual({
      data: { createApiToken: { apiToken: { name: 'while admin' } } },
    });
    await api.ds.query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [tenant.admin.id]);
    const refused = (await run(client, 'mutation { createApiToken(name: "as viewer") { token } }')) as Result;
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('closes an idle socket whose API token was revoked, ending its subscription', async () => {
    const tenant = await createTenant(api);
    const created = await api.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      'mutation { createApiToken(name: "listener") { token apiToken { id } } }',
      {},
      tenant.admin.token,
    );
    const { token, apiToken } = created.data!.createApiToken;
    const { client, closes } = connect(`Bearer ${token}`);
    const ended = run(client, 'subscription { syncRunProgressed { runId } }');
    await until(() => true, 'subscription start');
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscribed and idle
    await api.gql('mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: apiToken.id }, tenant.admin.token);
    await expect(ended).resolves.toEqual({ closed: 4403 });
    expect(closes).toContain(4403);
  });

  it('caps sockets and subscriptions per caller', async () => {
    const tenant = await createTenant(api);
    const auth = `Bearer ${tenant.viewer.token}`;
    const first = connect(auth);
    const second = connect(auth);
    expect(await run(first.client, '{ me { user { email } } }')).toMatchObject({
      data: { me: { user: { email: tenant.viewer.email } } },
    });
    expect(await run(second.client, '{ me { user { email } } }')).toMatchObject({
      data: { me: { user: { email: tenant.viewer.email } } },
    });
    const third = connect(auth);
    await until(() => third.closes.length > 0, 'the third socket to be refused');
    expect(third.closes).toEqual([4429]);

    const subscription = 'subscription { syncRunProgressed { runId } }';
    const running = [first.client, second.client].map((c) => {
      const stop = c.subscribe({ query: subscription }, { next: () => {}, error: () => {}, complete: () => {} });
      return stop;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = (await run(first.client, subscription)) as Result;
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    running[0]!();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = first.client.subscribe(
      { query: subscription },
      {
        next: () => {},
        error: (e) => {
          throw e;
        },
        complete: () => {},
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    again();
    running[1]!();
  });

  it('reports a validation error over the socket as such, not as an unexpected error', async () => {
    const tenant = await createTenant(api);
    const { client } = connect(`Bearer ${tenant.viewer.token}`);
    const result = (await run(client, '{ me { nope } }')) as Result;
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Cannot query field "nope"/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('closes a socket that sends a frame over the size limit before signing in', async () => {
    const socket = new WebSocket(api.url.replace('http', 'ws'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(200 * 1024) } }));
    expect(await closed).toBe(1009);
  });
});
