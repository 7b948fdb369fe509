import { GraphQLError } from 'graphql';
import { createAppDeps, type AppDeps } from '../app-deps';
import type { UserRole } from '../data-provider/records';
import { buildBedrockInfo, buildProviderInfo } from './builders';
import { createFakeGraphql, type FakeGraphql, type FakeResolvers } from './fake-graphql';

/** What a screen test runs on: the app's real deps over a fake API, and that fake. */
export type FakeApp = { deps: AppDeps; fake: FakeGraphql };

const ORGANIZATION = { id: 'org-1', name: 'Acme AI', createdAt: '2026-01-01T00:00:00.000Z' };

/**
 * The app's real data provider, auth provider and live feed on a fake API: GraphQL answered by
 * `resolvers` against the contract schema, subscriptions fed by the test. Signed in as `role`
 * (null: signed out). Defaults: no accounts, the OpenAI and Bedrock guides.
 */
export function createFakeApp(resolvers: FakeResolvers = {}, role: UserRole | null = 'ADMIN'): FakeApp {
  const user = {
    id: 'user-1',
    email: role === 'VIEWER' ? 'viewer@acme.test' : 'admin@acme.test',
    role: role ?? 'ADMIN',
    createdAt: ORGANIZATION.createdAt,
    deactivatedAt: null,
    passwordChangeRequired: false,
  };
  // The session cookie, as the API keeps it: set by login, ended by logout.
  let hasCookie = role !== null;
  const fake = createFakeGraphql({
    me: () => {
      if (!hasCookie) throw new GraphQLError('Sign in.', { extensions: { code: 'UNAUTHENTICATED' } });
      return { role: user.role, user, organization: ORGANIZATION, canRecordUsage: role === 'ADMIN' };
    },
    logout: () => {
      hasCookie = false;
      return true;
    },
    providers: () => [buildProviderInfo(), buildBedrockInfo()],
    providerAccounts: () => [],
    providerDashboard: () => ({ total: 0, rows: [] }),
    ...resolvers,
    ...(resolvers.login
      ? {
          login: (args) => {
            const payload = resolvers.login!(args);
            hasCookie = true;
            return payload;
          },
        }
      : {}),
    ...(resolvers.spendsyncCompleteSsoSignIn
      ? {
          spendsyncCompleteSsoSignIn: (args) => {
            const payload = resolvers.spendsyncCompleteSsoSignIn!(args);
            hasCookie = true;
            return payload;
          },
        }
      : {}),
  });
  const values = new Map<string, string>();
  const storage = {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
  };
  const deps = createAppDeps({
    storage,
    fetch: fake.fetch,
    forwardSubscription: fake.forwardSubscription,
    url: 'http://api.test/graphql',
    memoryStore: true,
  });
  deps.queryClient.setDefaultOptions({ queries: { ...deps.queryClient.getDefaultOptions().queries, retry: false } });
  if (role) {
    deps.session.setViewer({
      role,
      user: { id: user.id, email: user.email },
      organization: { id: ORGANIZATION.id, name: ORGANIZATION.name },
    });
  }
  return { deps, fake };
}
