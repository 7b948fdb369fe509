import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { gql } from 'graphql-tag';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { seedTenantData, type SeededData } from './seed-tenant-data';
import type { UntypedData } from './support/untyped-data';

/** A second team's subgraph: it owns `Workspace.owningTeam` and lists workspaces it cares about. */
const TEAMS_SDL = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Workspace @key(fields: "id") {
    id: ID!
    owningTeam: String!
  }
  type Query {
    teamWorkspaces(ids: [ID!]!): [Workspace!]!
  }
`;

type GatewayContext = { authorization?: string };

// The gateway's telemetry probes for a GCP metadata server; keep every request on loopback.
process.env.METADATA_SERVER_DETECTION = 'none';

describe("federation: the subgraph composes with another team's subgraph behind @apollo/gateway", () => {
  let api: TestApi;
  let tenant: Tenant;
  let seeded: SeededData;
  let teams: ApolloServer;
  let gateway: ApolloServer<GatewayContext>;
  let gatewayUrl: string;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    seeded = await seedTenantData(api.ds, tenant.organizationId, 'fed');
    teams = new ApolloServer({
      plugins: [ApolloServerPluginInlineTraceDisabled()],
      schema: buildSubgraphSchema({
        typeDefs: TEAMS_SDL,
        resolvers: {
          Query: { teamWorkspaces: (_: unknown, args: { ids: string[] }) => args.ids.map((id) => ({ id })) },
          Workspace: {
            __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
            owningTeam: (ws: { id: string }) => `team-${ws.id.slice(0, 4)}`,
          },
        } as never,
      }),
    });
    const { url: teamsUrl } = await startStandaloneServer(teams, { listen: { port: 0, host: '127.0.0.1' } });
    const {
      data: {
        _service: { sdl },
      },
    } = await api.gql('{ _service { sdl } }');
    const composed = composeServices([
      { name: 'spendsync', typeDefs: parse(sdl), url: api.url },
      { name: 'teams', typeDefs: TEAMS_SDL, url: teamsUrl },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            url,
            fetcher: fetch as never,
            willSendRequest({ request, context }) {
              if (context.authorization) request.http?.headers.set('authorization', context.authorization);
            },
          }),
      }),
    });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    }));
  });
  afterAll(async () => {
    await gateway?.stop();
    await teams?.stop();
    await api?.close();
  });

  const query = async (text: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as {
      data?: UntypedData;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  };

  it('answers a query that starts in spendsync and crosses into the teams subgraph', async () => {
    const { data, errors } = await query(
      '{ spendsyncWorkspaces { id displayName owningTeam providerAccount { label } } }',
      {},
      tenant.viewer.token,
    );
    expect(errors).toBeUndefined();
    expect(data.spendsyncWorkspaces).toEqual(
      expect.arrayContaining([
        {
          id: seeded.workspaceIds[0],
          displayName: 'Renamed fed',
          owningTeam: `team-${seeded.workspaceIds[0].slice(0, 4)}`,
          providerAccount: { label: 'OpenAI fed' },
        },
      ]),
    );
  });

  it("answers a query that starts in the teams subgraph and resolves spendsync's fields through _entities", async () => {
    const { data, errors } = await query(
      'query($ids: [ID!]!) { teamWorkspaces(ids: $ids) { id owningTeam displayName provider } }',
      { ids: seeded.workspaceIds },
      tenant.viewer.token,
    );
    expect(errors).toBeUndefined();
    expect(data.teamWorkspaces.map((w: { displayName: string }) => w.displayName)).toEqual(['Renamed fed', 'Chat fed']);
    expect(data.teamWorkspaces[0].provider).toBe('OPENAI');
  });

  it("keeps spendsync's data behind its own authentication when reached through the gateway", async () => {
    const { errors } = await query('query($ids: [ID!]!) { teamWorkspaces(ids: $ids) { id displayName } }', {
      ids: seeded.workspaceIds,
    });
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await createTenant(api, 'Other');
    const { data } = await query(
      'query($ids: [ID!]!) { teamWorkspaces(ids: $ids) { id displayName } }',
      { ids: seeded.workspaceIds },
      other.admin.token,
    );
    const names = (data?.teamWorkspaces ?? []).map((w: { displayName: string | null }) => w.displayName);
    expect(names).toEqual(seeded.workspaceIds.map(() => null));
    expect(JSON.stringify(data ?? null)).not.toMatch(/Renamed fed|Chat fed/);
  });
});
