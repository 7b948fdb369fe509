import * as oidc from 'openid-client';

/** Where the provider is and who spendsync is to it. */
export type OidcClientOptions = {
  issuer: string;
  clientId: string;
  /** Secret: never logged. */
  clientSecret: string;
};

/** What one sign-in sends the provider and checks on the way back. */
export type OidcChecks = { state: string; nonce: string; codeVerifier: string };

/** A sign-in the provider's answer does not allow, with the reason to show the user. */
export class SsoRefusal extends Error {
  constructor(
    message: string,
    /** A short machine-readable reason for logs and tests. */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'SsoRefusal';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The `claim` an oauth4webapi check failed on (the cause chain carries it). */
function failedClaim(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const claim = (e as { claim?: unknown }).claim;
    if (typeof claim === 'string') return claim;
  }
  return undefined;
}

/** A refusal that says what went wrong, for the errors openid-client throws while checking an answer. */
export function refusalOf(error: unknown): SsoRefusal {
  const code = (error as { code?: unknown }).code;
  const claim = failedClaim(error);
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'aud')
    return new SsoRefusal(
      'The ID token was issued for another application (wrong audience); check SPENDSYNC_OIDC_CLIENT_ID.',
      'wrong-audience',
    );
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'iss')
    return new SsoRefusal('The ID token comes from another issuer; check SPENDSYNC_OIDC_ISSUER.', 'wrong-issuer');
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce')
    return new SsoRefusal('The ID token does not belong to this sign-in (nonce); start again.', 'wrong-nonce');
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
    return new SsoRefusal(
      'The ID token has expired (or is not valid yet); start again, and check the clocks of both servers.',
      'expired-id-token',
    );
  if (error instanceof oidc.AuthorizationResponseError)
    return new SsoRefusal(
      `The identity provider refused the sign-in: ${error.error_description ?? error.error}.`,
      'provider-refused',
    );
  if (error instanceof oidc.ResponseBodyError)
    return new SsoRefusal(
      `The identity provider did not accept the sign-in code (${error.error}); start again.`,
      'code-refused',
    );
  return new SsoRefusal(
    "The identity provider's answer could not be verified; start again, or ask an admin to check the server log.",
    'unverifiable',
  );
}

/**
 * The OpenID Connect relying party (openid-client 6): discovery on first use (retried after a
 * failure), the authorization URL with PKCE (S256), state and nonce, and the code exchange whose
 * ID token is checked for signature, issuer, audience, expiry and nonce. A plain-HTTP issuer is
 * accepted only on a loopback address (a local provider in tests and development).
 */
export function createOidcClient(options: OidcClientOptions) {
  let configuration: Promise<oidc.Configuration> | null = null;
  const issuer = new URL(options.issuer);
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  const configure = () => {
    configuration ??= oidc
      .discovery(issuer, options.clientId, options.clientSecret, undefined, {
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };

  return {
    /** Fresh state, nonce and PKCE verifier for one sign-in. */
    newChecks(): OidcChecks {
      return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    },

    /** The provider's authorization URL to send the browser to. */
    async authorizationUrl(checks: OidcChecks, redirectUri: string): Promise<URL> {
      const config = await configure();
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
    },

    /** Exchanges the callback's code and returns the ID token's verified claims; throws {@link SsoRefusal}. */
    async verifiedClaims(callbackUrl: URL, checks: OidcChecks): Promise<Record<string, unknown>> {
      const config = await configure();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        return { ...tokens.claims() };
      } catch (error) {
        throw refusalOf(error);
      }
    },
  };
}

/** See {@link createOidcClient}. */
export type OidcClient = ReturnType<typeof createOidcClient>;
