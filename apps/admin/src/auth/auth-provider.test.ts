/** @jest-environment node */
import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { createGraphqlTransport } from '../data-provider/graphql';
import { ApiRequestError } from '../data-provider/errors';
import type { UserRole } from '../data-provider/records';
import { createFakeGraphql, type FakeResolvers } from '../test/fake-graphql';
import { canRoleAccess, createAuthProvider } from './auth-provider';
import { createMemorySession, createSession } from './session';

const ORG = { id: 'org-1', name: 'Acme AI', createdAt: '2026-01-01T00:00:00Z' };
const me =
  (role: UserRole, passwordChangeRequired = false) =>
  () => ({
    role,
    canRecordUsage: false,
    organization: ORG,
    user: {
      id: 'u1',
      email: 'a@acme.test',
      role,
      createdAt: ORG.createdAt,
      deactivatedAt: null,
      passwordChangeRequired,
    },
  });

/** Resolves once `done()` holds (polling; the background `me` settles on its own schedule). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(done()).toBe(true);
}

function setup(resolvers: FakeResolvers) {
  const fake = createFakeGraphql(resolvers);
  const session = createMemorySession();
  const transport = createGraphqlTransport({
    url: 'http://api.test/graphql',
    isSignedIn: session.isSignedIn,
    fetch: fake.fetch,
    forwardSubscription: fake.forwardSubscription,
  });
  return { fake, session, auth: createAuthProvider(transport, session) };
}

const login = ({ email }: { email: string }) => ({
  token: `tok-${email}`,
  expiresAt: '2030-01-01T00:00:00Z',
  user: {
    id: 'u1',
    email,
    role: 'ADMIN',
    createdAt: ORG.createdAt,
    deactivatedAt: null,
    passwordChangeRequired: false,
  },
});

describe('createAuthProvider', () => {
  it('signs in for the session cookie, keeping only who is signed in, never a token', async () => {
    const { fake, session, auth } = setup({ login, me: me('ADMIN') });
    await auth.login({ username: ' a@acme.test ', password: 'pw' });
    expect(fake.calls.map((c) => [c.operationName, c.authorization, c.sessionDelivery, c.csrf])).toEqual([
      ['Login', null, 'cookie', '1'],
      ['Me', null, 'cookie', '1'],
    ]);
    expect(fake.calls[0]?.variables).toEqual({ email: 'a@acme.test', password: 'pw' });
    expect(session.getViewer()).toMatchObject({ role: 'ADMIN', organization: { name: 'Acme AI' } });
    expect(JSON.stringify(session.getViewer())).not.toContain('tok-');
  });

  it('removes a token an earlier version left in storage', () => {
    const values = new Map([['spendsync.session', 'sss_old']]);
    createSession({
      getItem: (k) => values.get(k) ?? null,
      setItem: (k, v) => void values.set(k, v),
      removeItem: (k) => void values.delete(k),
    });
    expect(values.size).toBe(0);
  });

  it('sends a user who must change their password to the change-password screen, there and on any refusal saying so', async () => {
    const { auth } = setup({ login, me: me('ADMIN', true) });
    await expect(auth.login({ email: 'a@acme.test', password: 'pw' })).resolves.toEqual({
      redirectTo: '/account/password',
    });
    await expect(auth.getIdentity!()).resolves.toMatchObject({ passwordChangeRequired: true });
    await expect(
      auth.checkError(new ApiRequestError('Change your password first.', 'PASSWORD_CHANGE_REQUIRED')),
    ).rejects.toEqual({ redirectTo: '/account/password', logoutUser: false, message: false });
    const normal = setup({ login, me: me('ADMIN') });
    await expect(normal.auth.login({ email: 'a@acme.test', password: 'pw' })).resolves.toBeUndefined();
  });

  it("passes the API's refusal (wrong password, rate limit) on as the error to show", async () => {
    const { session, auth } = setup({
      login: () => {
        throw new GraphQLError('Email or password is wrong.', { extensions: { code: 'UNAUTHENTICATED' } });
      },
    });
    await expect(auth.login({ email: 'a@acme.test', password: 'x' })).rejects.toThrow('Email or password is wrong.');
    expect(session.isSignedIn()).toBe(false);
  });

  it('ends the session at the API (which clears the cookie) and forgets the viewer', async () => {
    let loggedOut = 0;
    const { session, auth } = setup({ logout: () => ++loggedOut > 0 });
    session.setViewer(me('ADMIN')());
    await auth.logout({});
    expect(loggedOut).toBe(1);
    expect(session.isSignedIn()).toBe(false);
  });

  it('asks the API once per page load whether the cookie session is alive', async () => {
    const alive = setup({ me: me('VIEWER') });
    await expect(alive.auth.checkAuth({} as never)).resolves.toBeUndefined();
    await expect(alive.auth.checkAuth({} as never)).resolves.toBeUndefined();
    expect(alive.fake.calls.map((c) => c.operationName)).toEqual(['Me']);
    expect(alive.session.getViewer()).toMatchObject({ role: 'VIEWER' });
    const ended = setup({
      me: () => {
        throw new GraphQLError('Sign in.', { extensions: { code: 'UNAUTHENTICATED' } });
      },
    });
    await expect(ended.auth.checkAuth({} as never)).rejects.toThrow('Sign in to continue.');
    expect(ended.session.isSignedIn()).toBe(false);
  });

  it('renders a known viewer at once, forgetting it when the API says the cookie is gone', async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const ended = setup({
      me: async () => {
        await answered;
        throw new GraphQLError('Sign in.', { extensions: { code: 'UNAUTHENTICATED' } });
      },
    });
    ended.session.setViewer(me('ADMIN')());
    // resolved while `me` is still unanswered: the page's own requests need not wait for it
    await expect(ended.auth.checkAuth({} as never)).resolves.toBeUndefined();
    expect(ended.session.isSignedIn()).toBe(true);
    answer();
    await waitFor(() => !ended.session.isSignedIn());
    await expect(ended.auth.checkAuth({} as never)).rejects.toThrow('Sign in to continue.');
    expect(ended.fake.calls.map((c) => c.operationName)).toEqual(['Me', 'Me']);
  });

  it('keeps a known viewer when the API cannot answer (offline, server error)', async () => {
    const down = setup({
      me: () => {
        throw new GraphQLError('Database unavailable.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    });
    down.session.setViewer(me('VIEWER')());
    await expect(down.auth.checkAuth({} as never)).resolves.toBeUndefined();
    await waitFor(() => down.fake.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(down.session.getViewer()).toMatchObject({ role: 'VIEWER' });
  });

  it('asks once when the session check and the user menu both need the viewer', async () => {
    const { fake, auth } = setup({ me: me('ADMIN') });
    await Promise.all([auth.checkAuth({} as never), auth.getIdentity!(), auth.getIdentity!()]);
    expect(fake.calls.map((c) => c.operationName)).toEqual(['Me']);
  });

  it('asks the API again when the identity is refetched, so a changed password lets the user on', async () => {
    let mustChange = true;
    const { fake, auth } = setup({ login, me: () => me('ADMIN', mustChange)() });
    await auth.login({ email: 'a@acme.test', password: 'pw' });
    await expect(auth.getIdentity!()).resolves.toMatchObject({ passwordChangeRequired: true });
    mustChange = false;
    await expect(auth.getIdentity!()).resolves.toMatchObject({ passwordChangeRequired: false });
    expect(fake.calls.map((c) => c.operationName)).toEqual(['Login', 'Me', 'Me', 'Me']);
  });

  it('keeps the session on other refusals, and drops it when the API says it is no longer valid', async () => {
    const { session, auth } = setup({ me: me('ADMIN') });
    await auth.checkAuth({} as never);
    await expect(auth.checkError(new ApiRequestError('no', 'FORBIDDEN'))).resolves.toBeUndefined();
    expect(session.isSignedIn()).toBe(true);
    await expect(auth.checkError(new ApiRequestError('gone', 'UNAUTHENTICATED'))).rejects.toBeTruthy();
    expect(session.isSignedIn()).toBe(false);
  });

  it.each([
    ['ADMIN', 'edit', true],
    ['VIEWER', 'edit', false],
    ['VIEWER', 'list', true],
  ] as const)('lets a signed-in %s %s: %s', async (role, action, allowed) => {
    const { session, auth } = setup({ me: me(role) });
    session.setViewer(me(role)());
    await expect(auth.canAccess!({ action, resource: 'provider-accounts' } as never)).resolves.toBe(allowed);
  });

  it('shows the user, organization and role as the identity', async () => {
    const { auth } = setup({ me: me('VIEWER') });
    await expect(auth.getIdentity!()).resolves.toEqual({
      id: 'u1',
      fullName: 'a@acme.test',
      organization: 'Acme AI',
      role: 'VIEWER',
      passwordChangeRequired: false,
    });
  });
});

describe('canRoleAccess', () => {
  it.each([
    ['ADMIN', 'delete', true],
    ['ADMIN', 'refresh', true],
    ['VIEWER', 'show', true],
    ['VIEWER', 'export', true],
    ['VIEWER', 'create', false],
    ['VIEWER', 'refresh', false],
    [undefined, 'list', false],
  ] as const)('%s may %s: %s', (role, action, allowed) => {
    expect(canRoleAccess(role, action)).toBe(allowed);
  });
});
