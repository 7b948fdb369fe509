import { generateKeyPair, randomBytes, verify } from 'node:crypto';
import { promisify } from 'node:util';
import type { SimRequest, SimResponse } from '../../simulator/simulator-server';
import { GOOGLE_TOKEN_URL } from '@spendsync/adapters/wire/vertex-ai';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_LIFETIME_S = 3599;

/** A service account the simulated Google knows: its key pair and whether it may read the export. */
export type SimPrincipal = { email: string; keyId: string; publicKey: string; canQuery: boolean };

const generate = promisify(generateKeyPair);

/**
 * An RSA key pair for a simulated service account. Generated per process (RSA key generation
 * cannot be seeded); everything else about the organization stays deterministic.
 */
export async function createKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  return generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const tokenError = (error: string, description: string): SimResponse => ({
  status: 400,
  body: { error, error_description: description },
});

function readJwt(
  assertion: string,
):
  { header: Record<string, unknown>; payload: Record<string, unknown>; signed: string; signature: Buffer } | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const [header, payload] = parts
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>);
    return {
      header: header!,
      payload: payload!,
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Google's OAuth token endpoint for the JWT-bearer grant, as the simulator plays it: the RS256
 * assertion must be signed by a known service account's key, addressed to Google's token URL,
 * unexpired and scoped for BigQuery. Answers an access token, or Google's `invalid_grant`.
 */
export function createTokenIssuer(principals: readonly SimPrincipal[]) {
  const tokens = new Map<string, { principal: SimPrincipal; expiresAt: number }>();
  return {
    exchange(request: SimRequest): SimResponse {
      const form = (request.body ?? {}) as Record<string, string>;
      if (form.grant_type !== JWT_GRANT)
        return tokenError('unsupported_grant_type', `Invalid grant_type: ${String(form.grant_type ?? '')}`);
      const jwt = readJwt(String(form.assertion ?? ''));
      if (!jwt || jwt.header.alg !== 'RS256')
        return tokenError(
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
        );
      const principal = principals.find((p) => p.email === jwt.payload.iss);
      const valid = principal && verify('RSA-SHA256', Buffer.from(jwt.signed), principal.publicKey, jwt.signature);
      if (!principal || !valid) return tokenError('invalid_grant', 'Invalid JWT Signature.');
      const now = Date.now() / 1000;
      if (jwt.payload.aud !== GOOGLE_TOKEN_URL || typeof jwt.payload.exp !== 'number' || jwt.payload.exp < now) {
        return tokenError(
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
        );
      }
      if (
        !/(^|\s)https:\/\/www\.googleapis\.com\/auth\/(bigquery|cloud-platform)(\.readonly)?(\s|$)/.test(
          String(jwt.payload.scope ?? ''),
        )
      ) {
        return tokenError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
      }
      const token = `ya29.sim-${randomBytes(24).toString('base64url')}`;
      if (tokens.size >= 10_000) tokens.delete(tokens.keys().next().value as string);
      tokens.set(token, { principal, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
      return { status: 200, body: { access_token: token, expires_in: TOKEN_LIFETIME_S, token_type: 'Bearer' } };
    },
    /** The principal an `Authorization: Bearer` header belongs to, if the simulator issued it. */
    principalOf(authorization: unknown): SimPrincipal | undefined {
      const token = /^Bearer (\S+)$/.exec(String(authorization ?? ''))?.[1];
      const issued = token ? tokens.get(token) : undefined;
      return issued && issued.expiresAt > Date.now() ? issued.principal : undefined;
    },
  };
}
