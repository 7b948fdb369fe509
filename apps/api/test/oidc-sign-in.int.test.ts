import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { PASSWORD_SIGN_IN_OFF } from '../src/features/auth/auth.service';
import { createOrganizationService } from '../src/features/organizations/organization.service';
import { createTenant, startTestApi, TEST_PASSWORD, type TestApi } from './api-harness';
import { createBrowserLikeClient } from './oidc/browser-like-client';
import {
  startTestOidcProvider,
  type IdTokenTamper,
  type TestAccount,
  type TestOidcProvider,
} from './oidc/test-oidc-provider';
import { openTestDataSource } from './test-data-source';

const CLIENT = { clientId: 'spendsync-test', clientSecret: 'test-client-secret-not-real' };
const COMPLETE = `mutation ($code: String!) {
  spendsyncCompleteSsoSignIn(code: $code) { token expiresAt user { id email role } }
}`;

let provider: TestOidcProvider;
let api: TestApi;
let setupDs: DataSource;
let organizationId: string;
let base: string;
const tag = randomUUID().slice(0, 8);
const acme = `acme-${tag}.test`;
const leads = `leads-${tag}.test`;

/** Where the callback sent the browser: the admin's /login with a one-time code or the refusal. */
type Landing = { code: string | null; error: string | null; callbackUrl: string };

/** Signs in through the real provider with real HTTP: start → provider → interaction → callback → /login. */
async function signInWithSso(account: TestAccount, tamper?: IdTokenTamper): Promise<Landing> {
  await provider.setNextAccount(account);
  if (tamper) await provider.tamperNextIdToken(tamper);
  const browser = createBrowserLikeClient();
  const { hops, final } = await browser.follow(`${base}/auth/oidc/start`, (url) => url.startsWith(`${base}/login`));
  const landing = new URL(final);
  const callback = hops.find((h) => h.url.startsWith(`${base}/auth/oidc/callback`));
  return {
    code: landing.searchParams.get('ssoCode'),
    error: landing.searchParams.get('ssoError'),
    callbackUrl: callback?.url ?? '',
  };
}

async function complete(code: string) {
  return api.gql<{ spendsyncCompleteSsoSignIn: { token: string; user: { id: string; email: string; role: string } } }>(
    COMPLETE,
    { code },
  );
}

beforeAll(async () => {
  setupDs = await openTestDataSource();
  organizationId = (await createOrganizationService(pgPoolOf(setupDs)).create(`SSO ${tag}`)).id;
  provider = await startTestOidcProvider();
  api = await startTestApi({
    oidc: {
      issuer: provider.issuer,
      ...CLIENT,
      allowedDomains: [
        { domain: acme, role: 'viewer' },
        { domain: leads, role: 'admin' },
      ],
      roleClaim: 'spendsync_role',
      organizationId,
    },
  });
  base = api.url.replace(/\/graphql$/, '');
  await provider.setup({ ...CLIENT, redirectUris: [`${base}/auth/oidc/callback`] });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await provider?.stop();
  await setupDs?.destroy();
});

describe('single sign-on with OpenID Connect', () => {
  it('creates a first-time user as a viewer and opens a session like login does', async () => {
    const email = `ada-${tag}@${acme}`;
    const landing = await signInWithSso({ email, email_verified: true });
    expect(landing.error).toBeNull();
    const first = await complete(landing.code!);
    expect(first.errors).toBeUndefined();
    const { token, user } = first.data!.spendsyncCompleteSsoSignIn;
    expect(user).toMatchObject({ email, role: 'VIEWER' });
    const me = await api.gql<{ me: { user: { email: string }; organization: { id: string } } }>(
      '{ me { user { email } organization { id } } }',
      undefined,
      token,
    );
    expect(me.data!.me).toEqual({ user: { email }, organization: { id: organizationId } });
    // The code works once.
    const again = await complete(landing.code!);
    expect(again.errors?.[0]?.message).toBe('This sign-in code is unknown, used or expired; sign in again.');
    // The sign-in is in the audit log.
    const audit = await api.services.audit.list(organizationId, { action: 'ssoSignIn' }, { limit: 10, offset: 0 });
    expect(audit.rows.find((r) => r.actorLabel === email)?.changes).toMatchObject({
      userCreated: true,
      role: 'viewer',
    });
  });

  it('gives the role the role claim names', async () => {
    const landing = await signInWithSso({
      email: `boss-${tag}@${acme}`,
      email_verified: true,
      spendsync_role: 'admin',
    });
    const { data } = await complete(landing.code!);
    expect(data!.spendsyncCompleteSsoSignIn.user.role).toBe('ADMIN');
  });

  it("gives the role of the email domain's rule", async () => {
    const landing = await signInWithSso({ email: `lead-${tag}@${leads}`, email_verified: true });
    const { data } = await complete(landing.code!);
    expect(data!.spendsyncCompleteSsoSignIn.user.role).toBe('ADMIN');
  });

  it('matches an existing user by email and keeps their role', async () => {
    const existing = await api.services.users.create(organizationId, {
      email: `Grace-${tag}@${acme}`,
      password: TEST_PASSWORD,
      role: 'admin',
    });
    const landing = await signInWithSso({ email: `grace-${tag}@${acme.toUpperCase()}`, email_verified: true });
    const { data } = await complete(landing.code!);
    expect(data!.spendsyncCompleteSsoSignIn.user).toMatchObject({ id: existing.id, role: 'ADMIN' });
  });

  it.each<[string, TestAccount, IdTokenTamper | undefined, string]>([
    [
      'an ID token for another audience',
      { email: `aud-${tag}@${acme}`, email_verified: true },
      { claims: { aud: 'another-application' } },
      'The ID token was issued for another application (wrong audience); check SPENDSYNC_OIDC_CLIENT_ID.',
    ],
    [
      'an expired ID token',
      { email: `exp-${tag}@${acme}`, email_verified: true },
      { expired: true },
      'The ID token has expired (or is not valid yet); start again, and check the clocks of both servers.',
    ],
    [
      'an unverified email',
      { email: `unverified-${tag}@${acme}`, email_verified: false },
      undefined,
      `Your email address unverified-${tag}@${acme} is not verified at the identity provider; verify it there, then sign in again.`,
    ],
    [
      'an email domain that is not allowed',
      { email: `mallory-${tag}@elsewhere.test`, email_verified: true },
      undefined,
      'Email addresses at elsewhere.test may not sign in to spendsync; ask an admin to allow the domain.',
    ],
  ])('refuses %s with a clear message and creates no user', async (_name, account, tamper, message) => {
    const landing = await signInWithSso(account, tamper);
    expect(landing).toMatchObject({ code: null, error: message });
    expect(await api.services.users.findForLogin(account.email)).toBeNull();
  });

  it('refuses a deactivated user and a user of another organization', async () => {
    const other = await createTenant(api, 'Elsewhere');
    const gone = await api.services.users.create(organizationId, {
      email: `gone-${tag}@${acme}`,
      password: TEST_PASSWORD,
      role: 'viewer',
    });
    await api.services.users.update(organizationId, null, gone.id, { active: false });
    const foreign = await api.services.users.create(other.organizationId, {
      email: `foreign-${tag}@${acme}`,
      password: TEST_PASSWORD,
      role: 'admin',
    });
    for (const email of [gone.email, foreign.email]) {
      const landing = await signInWithSso({ email, email_verified: true });
      expect(landing.error).toBe(
        `The account ${email} cannot sign in with single sign-on here (deactivated, or in another organization); ask an admin.`,
      );
    }
  });

  it('refuses a replayed state', async () => {
    const landing = await signInWithSso({ email: `replay-${tag}@${acme}`, email_verified: true });
    expect(landing.code).not.toBeNull();
    const replay = await createBrowserLikeClient().get(landing.callbackUrl);
    expect(new URL(replay.location!).searchParams.get('ssoError')).toBe(
      'This sign-in answer was already used (replayed state); start again.',
    );
  });

  it('refuses a callback that reaches another browser than the one that started the sign-in', async () => {
    await provider.setNextAccount({ email: `csrf-${tag}@${acme}`, email_verified: true });
    const { final } = await createBrowserLikeClient().follow(`${base}/auth/oidc/start`, (url) =>
      url.startsWith(`${base}/auth/oidc/callback`),
    );
    const elsewhere = await createBrowserLikeClient().get(final);
    expect(new URL(elsewhere.location!).searchParams.get('ssoError')).toBe(
      'This sign-in was started in another browser (or its cookie expired); start again here.',
    );
  });

  it('refuses an unknown state', async () => {
    const hop = await createBrowserLikeClient().get(`${base}/auth/oidc/callback?code=made-up&state=${randomUUID()}`);
    expect(hop.status).toBe(302);
    expect(new URL(hop.location!).searchParams.get('ssoError')).toBe(
      'This sign-in is unknown (unknown state); start again from the sign-in page.',
    );
  });

  it('turns password sign-in off for an SSO organization only, refuses it then, and audits the change', async () => {
    const admin = await api.services.users.create(organizationId, {
      email: `owner-${tag}@${acme}`,
      password: TEST_PASSWORD,
      role: 'admin',
    });
    const { token } = await api.services.auth.login(admin.email, TEST_PASSWORD, 'test-sso-admin');
    const SET =
      'mutation ($enabled: Boolean!) { spendsyncSetPasswordSignIn(enabled: $enabled) { ssoConfigured passwordSignInEnabled } }';
    const off = await api.gql(SET, { enabled: false }, token);
    expect(off.data).toEqual({ spendsyncSetPasswordSignIn: { ssoConfigured: true, passwordSignInEnabled: false } });
    const options = await api.gql('{ spendsyncSignInOptions { ssoConfigured passwordSignInEnabled } }');
    expect(options.data).toEqual({ spendsyncSignInOptions: { ssoConfigured: true, passwordSignInEnabled: false } });

    const login = await api.gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: admin.email,
      p: TEST_PASSWORD,
    });
    expect(login.errors?.[0]).toMatchObject({ message: PASSWORD_SIGN_IN_OFF, extensions: { code: 'FORBIDDEN' } });
    // Single sign-on still works for the same person.
    const landing = await signInWithSso({ email: admin.email, email_verified: true });
    expect((await complete(landing.code!)).data!.spendsyncCompleteSsoSignIn.user.id).toBe(admin.id);

    const audit = await api.services.audit.list(
      organizationId,
      { action: 'spendsyncSetPasswordSignIn' },
      { limit: 5, offset: 0 },
    );
    expect(audit.rows[0]).toMatchObject({ actorLabel: admin.email, outcome: 'succeeded', changes: expect.anything() });

    // A tenant that single sign-on does not serve cannot lock itself out.
    const other = await createTenant(api, 'No SSO');
    const refused = await api.gql(SET, { enabled: false }, other.admin.token);
    expect(refused.errors?.[0]?.message).toBe(
      'Single sign-on is not configured for this organization (SPENDSYNC_OIDC_*); turning password sign-in off would lock everyone out.',
    );
    const viewer = await api.gql(
      '{ spendsyncSignInSettings { passwordSignInEnabled } }',
      undefined,
      other.viewer.token,
    );
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await api.gql(SET, { enabled: true }, token);
  });
});
