import { GraphQLError } from 'graphql';
import type { Caller } from '../features/auth/caller';
import type { AuthService } from '../features/auth/auth.service';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token of an `Authorization` value (HTTP header or graphql-ws connectionParams). */
export function bearerToken(authorization: unknown): string | null {
  if (typeof authorization !== 'string') return null;
  return BEARER.exec(authorization)?.[1] ?? null;
}

/**
 * The caller behind an Authorization value: null when there is none (only login and the
 * schema are open then); a 401 GraphQLError when a token is sent but not valid (unknown,
 * expired, revoked), so a client with a stale session learns it at once.
 */
export async function authenticateAuthorization(auth: AuthService, authorization: unknown): Promise<Caller | null> {
  if (authorization === undefined || authorization === null || authorization === '') return null;
  const token = bearerToken(authorization);
  const caller = token ? await auth.authenticate(token) : null;
  if (!caller) {
    const refusal = token ? await auth.refusalOf(token) : null;
    throw new GraphQLError(
      refusal ?? 'The session or API token is not valid (expired, revoked or mistyped); sign in again.',
      {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      },
    );
  }
  return caller;
}
