import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import { AnomalyResolver } from './features/anomalies/anomaly.resolver';
import { resolveApiKeyReference } from './features/api-keys/api-key.reference';
import { ApiKeyResolver } from './features/api-keys/api-key.resolver';
import { ProviderAccountApiKeysResolver, WorkspaceApiKeysResolver } from './features/api-keys/api-key-links.resolver';
import { ApiTokenResolver } from './features/api-tokens/api-token.resolver';
import { AuditResolver } from './features/audit/audit.resolver';
import { AuthResolver } from './features/auth/auth.resolver';
import { SsoResolver } from './features/sso/sso.resolver';
import { BudgetResolver } from './features/budgets/budget.resolver';
import {
  ApiKeyDashboardRowResolver,
  ProviderDashboardRowResolver,
  WorkspaceMemberResolver,
} from './features/dashboards/dashboard-links.resolver';
import { DashboardResolver } from './features/dashboards/dashboard.resolver';
import { MeteredUsageResolver } from './features/metered-usage/metered-usage.resolver';
import { NotificationResolver } from './features/notifications/notification.resolver';
import { resolveModelReference } from './features/models/model.reference';
import { ModelResolver } from './features/models/model.resolver';
import { resolveOrganizationReference } from './features/organizations/organization.reference';
import { resolveProviderAccountReference } from './features/provider-accounts/provider-account.reference';
import { ProviderAccountResolver } from './features/provider-accounts/provider-account.resolver';
import { ReconciliationResolver } from './features/reconciliation/reconciliation.resolver';
import { SyncRunResolver } from './features/sync-runs/sync-run.resolver';
import {
  LinkProviderRunResolver,
  ProviderAccountRunsResolver,
  RefreshProviderRunResolver,
} from './features/sync-runs/provider-account-runs.resolver';
import { resolveSyncRunReference } from './features/sync-runs/sync-run.reference';
import { SyncRunSubscriptionResolver } from './features/sync-runs/sync-run-events.resolver';
import { resolveUserReference } from './features/users/user.reference';
import { UserResolver } from './features/users/user.resolver';
import { resolveWorkspaceReference } from './features/workspaces/workspace.reference';
import { WorkspaceResolver } from './features/workspaces/workspace.resolver';
import { ProviderAccountWorkspacesResolver } from './features/workspaces/provider-account-workspaces.resolver';
import { CreditRunwayResolver } from './features/credit-runway/credit-runway.resolver';
import { printFederatedSdl } from './graphql/supergraph/federated-sdl';
import { guardEntities } from './graphql/supergraph/guard-entities';
import { addLegacyRootFields } from './graphql/supergraph/legacy-root-fields';

/** Every resolver class of the subgraph. */
export const RESOLVERS = [
  AuthResolver,
  SsoResolver,
  UserResolver,
  ApiTokenResolver,
  ProviderAccountResolver,
  WorkspaceResolver,
  ApiKeyResolver,
  ModelResolver,
  SyncRunResolver,
  SyncRunSubscriptionResolver,
  MeteredUsageResolver,
  DashboardResolver,
  ProviderDashboardRowResolver,
  ApiKeyDashboardRowResolver,
  WorkspaceMemberResolver,
  AuditResolver,
  BudgetResolver,
  NotificationResolver,
  AnomalyResolver,
  ReconciliationResolver,
  CreditRunwayResolver,
  // Fields one feature adds to another's type live in the feature they return (features point one way).
  ProviderAccountRunsResolver,
  LinkProviderRunResolver,
  RefreshProviderRunResolver,
  ProviderAccountWorkspacesResolver,
  ProviderAccountApiKeysResolver,
  WorkspaceApiKeysResolver,
] as const;

/** Federation entities and how each is found by key, always inside the caller's organization. */
const REFERENCE_RESOLVERS = {
  ProviderAccount: { __resolveReference: resolveProviderAccountReference },
  Workspace: { __resolveReference: resolveWorkspaceReference },
  ApiKey: { __resolveReference: resolveApiKeyReference },
  Model: { __resolveReference: resolveModelReference },
  SyncRun: { __resolveReference: resolveSyncRunReference },
  User: { __resolveReference: resolveUserReference },
  Organization: { __resolveReference: resolveOrganizationReference },
};

/**
 * type-graphql insists on a pub/sub once there are subscriptions, but ours subscribe through
 * the context's sync pub/sub (filtered by organization as they are set up), so this one is
 * never used: it refuses loudly rather than silently delivering nothing.
 */
const UNUSED_PUBSUB = {
  publish(): never {
    throw new Error("Publish through the sync pub/sub (SyncPubSub), not type-graphql's");
  },
  subscribe(): never {
    throw new Error("Subscriptions subscribe through the context's sync pub/sub");
  },
};

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/**
 * The API's schema: type-graphql classes turned into an Apollo Federation 2 subgraph (the
 * recipe in STACK.md: print with directives, then `buildSubgraphSchema` with type-graphql's
 * resolvers plus the reference resolvers). Root fields are published under their `spendsync…`
 * names with the old names as deprecated aliases (root-field-names.ts), `_service` answers the
 * SDL routers compose and `_entities` refuses unknown types. HTTP and WebSocket serve this same
 * schema, so `_service`, `_entities` and subscriptions all work on both.
 */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    // Checked by the subgraph build below; type-graphql's own check rejects federation directives.
    skipCheck: true,
    pubSub: UNUSED_PUBSUB,
    // Only the constraints (never `value` or `target`) reach the client, which could echo input.
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, reference] of Object.entries(REFERENCE_RESOLVERS))
    resolvers[type] = { ...resolvers[type], ...reference };
  const { typeDefs, legacy } = addLegacyRootFields(
    gql(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  );
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
  // What a router composes: without the legacy aliases (see printFederatedSdl).
  const sdl = printFederatedSdl(typeDefs, legacy);
  subgraph.getQueryType()!.getFields()._service!.resolve = () => ({ sdl });
  guardEntities(subgraph);
  return subgraph;
}

/**
 * The schema spendsync serves, as committed in `apps/api/schema.graphql`: the supergraph's
 * fields plus the deprecated pre-federation root names that direct clients still use. Routers
 * compose `_service { sdl }` instead (see printFederatedSdl).
 */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
