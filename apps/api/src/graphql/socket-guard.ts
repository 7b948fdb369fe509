import type { Caller } from '../features/auth/caller';

/** Limits of the graphql-ws endpoint. */
export type SocketLimits = {
  /** How long a credential check of a socket's token is reused (ms); 0: check every operation. */
  recheckMs: number;
  /** How often every open socket's credential is checked, closing those whose credential ended (ms). */
  sweepMs: number;
  /** Largest WebSocket message accepted, before or after sign-in (bytes). */
  maxPayloadBytes: number;
  /** Open sockets one user or API token may hold at once. */
  maxConnectionsPerCaller: number;
  /** Running subscriptions one user or API token may hold at once, over all its sockets. */
  maxSubscriptionsPerCaller: number;
};

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  recheckMs: 2_000,
  sweepMs: 10_000,
  maxPayloadBytes: 1024 * 1024,
  maxConnectionsPerCaller: 20,
  maxSubscriptionsPerCaller: 100,
};

/** Who a socket's caller is for the caps: the user, or the API token. */
export const callerKey = (caller: Caller): string =>
  caller.userId ? `user:${caller.userId}` : `token:${caller.apiTokenId ?? 'none'}`;

/**
 * What a re-check found: the caller (its current role), `ended` when the credential is no
 * longer valid (signed out, revoked, expired), or `unavailable` when it could not be checked
 * (the database is down): the socket's credential is then neither trusted nor ended.
 */
export type RecheckResult = { kind: 'valid'; caller: Caller } | { kind: 'ended' } | { kind: 'unavailable' };

type Checked = { result: RecheckResult; at: number };

/** True for the refusal `authenticate` throws for a token that is not (or no longer) valid. */
const isRefusal = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { extensions?: { code?: unknown } }).extensions?.code === 'UNAUTHENTICATED';

/**
 * Re-checks the credential a socket signed in with. A socket keeps its authorization value, not
 * the caller it had at connect time: a logout, a password change, a revoked token or a changed
 * role takes effect on the socket's next operation (within `recheckMs`), and the sweep closes
 * sockets whose credential ended even while they only listen. A check that fails for another
 * reason (a database outage) is `unavailable` and not cached: the socket stays open, so its
 * subscriptions resume when the database is back, instead of being closed as signed out.
 */
export function createCredentialRecheck(
  authenticate: (authorization: unknown) => Promise<Caller | null>,
  recheckMs: number,
  now = Date.now,
) {
  const checked = new Map<string, Checked>();
  return async (authorization: unknown): Promise<RecheckResult> => {
    if (typeof authorization !== 'string') return { kind: 'ended' };
    const hit = checked.get(authorization);
    if (hit && now() - hit.at < recheckMs) return hit.result;
    let result: RecheckResult;
    try {
      const caller = await authenticate(authorization);
      result = caller ? { kind: 'valid', caller } : { kind: 'ended' };
    } catch (error) {
      if (!isRefusal(error)) return { kind: 'unavailable' };
      result = { kind: 'ended' };
    }
    if (checked.size > 10_000) checked.clear(); // bounded: a cache, not a record
    checked.set(authorization, { result, at: now() });
    return result;
  };
}

/** Counts per caller key, for the connection and subscription caps. */
export function createCounter() {
  const counts = new Map<string, number>();
  return {
    get: (key: string) => counts.get(key) ?? 0,
    add(key: string, delta: number) {
      const next = (counts.get(key) ?? 0) + delta;
      if (next <= 0) counts.delete(key);
      else counts.set(key, next);
    },
  };
}
