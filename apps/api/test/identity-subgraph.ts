import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { gql } from 'graphql-tag';

/**
 * Another team's subgraph, as a frontend team would already have it: its own `User` and
 * `Organization` (the same entities as spendsync's, by id; the facts both know are
 * @shareable on both sides), its own `me` and `users`, and a `Provider` enum with only some of
 * spendsync's values, used as input and output. It also lists spendsync workspaces by id.
 */
export const IDENTITY_SDL = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  type User @key(fields: "id") {
    id: ID!
    email: String! @shareable
    displayName: String!
  }

  type Organization @key(fields: "id") {
    id: ID!
    name: String! @shareable
    plan: String!
  }

  enum Provider {
    OPENAI
    ANTHROPIC
  }

  type Workspace @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    me: User
    users: [User!]!
    preferredProvider(fallback: Provider!): Provider!
    pinnedWorkspaces(ids: [ID!]!): [Workspace!]!
  }
`;

/** A user the identity team knows (same id as spendsync's user). */
export type IdentityUser = { id: string; email: string; displayName: string };

/** Starts the identity subgraph on 127.0.0.1; `users[0]` is its `me`. */
export async function startIdentitySubgraph(users: IdentityUser[], organization: { id: string; name: string }) {
  const byId = new Map(users.map((user) => [user.id, user]));
  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: IDENTITY_SDL,
      resolvers: {
        Query: {
          me: () => users[0] ?? null,
          users: () => users,
          preferredProvider: (_: unknown, args: { fallback: string }) => args.fallback,
          pinnedWorkspaces: (_: unknown, args: { ids: string[] }) => args.ids.map((id) => ({ id })),
        },
        User: { __resolveReference: (ref: { id: string }) => byId.get(ref.id) ?? null },
        Organization: {
          __resolveReference: (ref: { id: string }) =>
            ref.id === organization.id ? { ...organization, plan: 'enterprise' } : null,
        },
      } as never,
    }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
