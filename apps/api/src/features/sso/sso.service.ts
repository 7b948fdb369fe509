import { createHash, randomBytes } from 'node:crypto';
import type { OidcConfig } from '@spendsync/config';
import type pg from 'pg';
import { ApiError } from '../../errors';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { AuthService, LoginResult } from '../auth/auth.service';
import type { Caller } from '../auth/caller';
import type { OrganizationService } from '../organizations/organization.service';
import type { UserService, UserView } from '../users/user.service';
import { normalizeEmail } from '../users/user.service';
import { createOidcClient, SsoRefusal, type OidcClient } from './oidc-client';
import { domainRuleOf, emailDomainOf, roleForNewUser } from './sso-role';

/** How long a started sign-in waits for the provider to send the user back. */
export const SSO_ATTEMPT_TTL_MS = 10 * 60_000;
/** How long the admin has to exchange the callback's one-time code. */
export const SSO_CODE_TTL_MS = 60_000;

export type SsoServiceDeps = {
  pool: pg.Pool;
  auth: AuthService;
  users: UserService;
  organizations: OrganizationService;
  audit: AuditService;
  logger: Logger;
  now: () => Date;
  /** SPENDSYNC_OIDC_*; absent: single sign-on is off. */
  oidc?: OidcConfig;
  /** The relying party (tests may bring their own); default one built from `oidc`. */
  client?: OidcClient;
};

/** What the callback ends with: a one-time code for the admin, or the reason the sign-in was refused. */
export type SsoCallbackResult = { ok: true; code: string } | { ok: false; message: string; reason: string };

/** The callback request, as the route sees it. */
export type SsoCallbackRequest = {
  /** The callback's query string (`?code=…&state=…`). */
  search: string;
  /** The state the start route put in the browser's cookie (binds the callback to that browser). */
  cookieState: string | undefined;
  redirectUri: string;
  clientAddress: string;
};

/** An organization's sign-in settings. */
export type SignInSettings = {
  /** Single sign-on is configured and signs users in to this organization. */
  ssoConfigured: boolean;
  passwordSignInEnabled: boolean;
  issuer: string | null;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Single sign-on: starts an OpenID Connect sign-in, checks the provider's answer, matches the
 * user by verified email (or creates them), and hands out a one-time code that becomes a session
 * through the same `openSession` password sign-in uses. Also the organization's sign-in settings.
 */
export function createSsoService(deps: SsoServiceDeps) {
  const { pool, oidc } = deps;
  const client = deps.client ?? (oidc ? createOidcClient(oidc) : undefined);
  const isConfigured = Boolean(oidc && client);

  /** The organization single sign-on users belong to: the configured one, else the only one. */
  const ssoOrganizationId = async () => oidc?.organizationId ?? (await deps.organizations.soleId());
  /** True when single sign-on signs users in to `organizationId`. */
  const usesSso = async (organizationId: string) => isConfigured && (await ssoOrganizationId()) === organizationId;
  const requireClient = (): OidcClient => {
    if (!client) throw new SsoRefusal('Single sign-on is not configured on this server.', 'not-configured');
    return client;
  };

  /** Uses up the attempt `state` names, or says why it cannot be used. */
  async function takeAttempt(state: string | null) {
    if (!state) throw new SsoRefusal('The sign-in answer has no state; start again from the sign-in page.', 'no-state');
    const hash = sha256(state);
    const { rows } = await pool.query<{ nonce: string; code_verifier: string }>(
      `UPDATE sso_sign_in_attempts SET completed_at = $2
       WHERE state_hash = $1 AND completed_at IS NULL AND expires_at > $2 RETURNING nonce, code_verifier`,
      [hash, deps.now()],
    );
    if (rows[0]) return { state, nonce: rows[0].nonce, codeVerifier: rows[0].code_verifier };
    const { rows: known } = await pool.query<{ completed_at: Date | null }>(
      'SELECT completed_at FROM sso_sign_in_attempts WHERE state_hash = $1',
      [hash],
    );
    if (known[0]?.completed_at)
      throw new SsoRefusal('This sign-in answer was already used (replayed state); start again.', 'replayed-state');
    if (known[0]) throw new SsoRefusal('This sign-in took too long and expired; start again.', 'expired-state');
    throw new SsoRefusal(
      'This sign-in is unknown (unknown state); start again from the sign-in page.',
      'unknown-state',
    );
  }

  /** The active user the verified email belongs to, created at first sign-in. */
  async function userFor(claims: Record<string, unknown>): Promise<{ user: UserView; created: boolean }> {
    if (typeof claims.email !== 'string' || claims.email === '')
      throw new SsoRefusal(
        'The identity provider sent no email address; allow the email scope for spendsync.',
        'no-email',
      );
    const email = normalizeEmail(claims.email);
    if (claims.email_verified !== true)
      throw new SsoRefusal(
        `Your email address ${email} is not verified at the identity provider; verify it there, then sign in again.`,
        'unverified-email',
      );
    if (!domainRuleOf(email, oidc!.allowedDomains))
      throw new SsoRefusal(
        `Email addresses at ${emailDomainOf(email)} may not sign in to spendsync; ask an admin to allow the domain.`,
        'domain-not-allowed',
      );
    const organizationId = await ssoOrganizationId();
    if (!organizationId)
      throw new SsoRefusal(
        'Single sign-on needs SPENDSYNC_OIDC_ORGANIZATION_ID: this installation has several organizations.',
        'no-organization',
      );
    const existing = await deps.users.findForLogin(email);
    if (existing?.organizationId === organizationId) {
      const { passwordHash: _hash, ...user } = existing;
      return { user, created: false };
    }
    const role = existing ? null : roleForNewUser(claims, email, oidc!);
    const created = role ? await deps.users.createWithoutPassword(organizationId, { email, role }) : null;
    if (!created)
      throw new SsoRefusal(
        `The account ${email} cannot sign in with single sign-on here (deactivated, or in another organization); ask an admin.`,
        'account-unavailable',
      );
    return { user: created, created: true };
  }

  const callerOf = (user: UserView): Caller => ({
    organizationId: user.organizationId,
    role: user.role,
    userId: user.id,
    apiTokenId: null,
    sessionId: null,
    canRecordUsage: false,
    passwordChangeRequired: false,
  });

  async function issueCode(user: UserView): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await pool.query('DELETE FROM sso_sign_in_codes WHERE expires_at <= $1', [deps.now()]);
    await pool.query(
      'INSERT INTO sso_sign_in_codes (code_hash, organization_id, user_id, expires_at) VALUES ($1, $2, $3, $4)',
      [sha256(code), user.organizationId, user.id, new Date(deps.now().getTime() + SSO_CODE_TTL_MS)],
    );
    return code;
  }

  /** An organization's sign-in settings, for its admins. */
  async function settings(organizationId: string): Promise<SignInSettings> {
    const ssoConfigured = await usesSso(organizationId);
    return {
      ssoConfigured,
      passwordSignInEnabled: await deps.organizations.isPasswordSignInEnabled(organizationId),
      issuer: ssoConfigured ? oidc!.issuer : null,
    };
  }

  return {
    /** True when SPENDSYNC_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set. */
    isConfigured,

    /** Begins a sign-in: remembers state, nonce and PKCE verifier, and returns where to send the browser. */
    async start(redirectUri: string): Promise<{ url: URL; state: string }> {
      const relyingParty = requireClient();
      const checks = relyingParty.newChecks();
      const url = await relyingParty.authorizationUrl(checks, redirectUri);
      const now = deps.now();
      await pool.query('DELETE FROM sso_sign_in_attempts WHERE expires_at <= $1', [now]);
      await pool.query(
        `INSERT INTO sso_sign_in_attempts (state_hash, nonce, code_verifier, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [sha256(checks.state), checks.nonce, checks.codeVerifier, now, new Date(now.getTime() + SSO_ATTEMPT_TTL_MS)],
      );
      return { url, state: checks.state };
    },

    /** Checks the provider's answer and, when it holds, records the sign-in and returns a one-time code. */
    async callback(request: SsoCallbackRequest): Promise<SsoCallbackResult> {
      try {
        const relyingParty = requireClient();
        const callbackUrl = new URL(request.redirectUri);
        callbackUrl.search = request.search;
        const checks = await takeAttempt(callbackUrl.searchParams.get('state'));
        if (request.cookieState !== checks.state)
          throw new SsoRefusal(
            'This sign-in was started in another browser (or its cookie expired); start again here.',
            'state-cookie-mismatch',
          );
        const claims = await relyingParty.verifiedClaims(callbackUrl, checks);
        const { user, created } = await userFor(claims);
        await deps.audit.record({
          caller: callerOf(user),
          clientAddress: request.clientAddress,
          action: 'ssoSignIn',
          targetType: 'user',
          targetId: user.id,
          changes: { email: user.email, role: user.role, userCreated: created, issuer: oidc!.issuer },
          outcome: 'succeeded',
          errorCode: null,
        });
        return { ok: true, code: await issueCode(user) };
      } catch (error) {
        if (!(error instanceof SsoRefusal)) throw error;
        deps.logger.warn({ reason: error.reason, clientAddress: request.clientAddress }, 'Single sign-on refused');
        return { ok: false, message: error.message, reason: error.reason };
      }
    },

    /** Exchanges a one-time code (once, within a minute) for a session, opened as password sign-in opens one. */
    async complete(code: string, clientAddress: string): Promise<LoginResult> {
      const { rows } = await pool.query<{ organization_id: string; user_id: string }>(
        'DELETE FROM sso_sign_in_codes WHERE code_hash = $1 AND expires_at > $2 RETURNING organization_id, user_id',
        [sha256(code), deps.now()],
      );
      const user = rows[0] ? await deps.users.get(rows[0].organization_id, rows[0].user_id) : null;
      if (!user || user.deactivatedAt)
        throw new ApiError('UNAUTHENTICATED', 'This sign-in code is unknown, used or expired; sign in again.');
      return deps.auth.openSession(user, clientAddress);
    },

    /** What the sign-in page offers: single sign-on (when configured) and password sign-in (unless turned off). */
    async signInOptions(): Promise<{ ssoConfigured: boolean; passwordSignInEnabled: boolean }> {
      const organizationId = await ssoOrganizationId();
      const passwordSignInEnabled = organizationId
        ? await deps.organizations.isPasswordSignInEnabled(organizationId)
        : true;
      return { ssoConfigured: isConfigured, passwordSignInEnabled };
    },

    settings,

    /**
     * Turns password sign-in on or off. Off only when single sign-on works for this organization,
     * so an admin cannot lock everyone out.
     */
    async setPasswordSignIn(organizationId: string, enabled: boolean): Promise<SignInSettings> {
      if (!enabled && !(await usesSso(organizationId)))
        throw new ApiError(
          'BAD_USER_INPUT',
          'Single sign-on is not configured for this organization (SPENDSYNC_OIDC_*); turning password sign-in off would lock everyone out.',
          { field: 'enabled' },
        );
      await deps.organizations.setPasswordSignIn(organizationId, enabled);
      return settings(organizationId);
    },
  };
}

/** See {@link createSsoService}. */
export type SsoService = ReturnType<typeof createSsoService>;
