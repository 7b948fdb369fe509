import type pg from 'pg';
import { withTransaction } from '../../database/transaction';
import { decideAttempt, type ThrottleState, type ThrottleTiming } from './throttle-decision';

/**
 * How many password attempts are allowed per window: per account from one address, per address
 * over all accounts, and per account from any address except those it signed in from before (so
 * guessing from many addresses is capped, yet nobody can lock a user out of their usual place).
 * Past a limit the counter locks for `lockMs`, twice as long at each further lock.
 */
export type LoginLimits = {
  perAccount: number;
  perAddress: number;
  /** Default 20. */
  perAccountAnyAddress?: number;
  windowMs: number;
  /** The first lock; default `windowMs`. */
  lockMs?: number;
  /** The longest lock; default 24 hours. */
  maxLockMs?: number;
  /** Prefix of every counter's key, so API instances sharing one database (tests) count apart. Default none. */
  scope?: string;
};

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: 5,
  perAddress: 30,
  perAccountAnyAddress: 20,
  windowMs: 15 * 60_000,
};

/** An attempt that was counted; hand it back on success so it is refunded. */
export type AttemptTicket = { readonly pairKey: string; readonly otherKeys: readonly string[] };

export type AttemptAdmission = { allowed: true; ticket: AttemptTicket } | { allowed: false; retryAfterSeconds: number };

/** Password-attempt bookkeeping shared by every API process through PostgreSQL. */
export type LoginLimiter = {
  /**
   * Counts an attempt on `account` from `address` before the password is checked, atomically
   * (row locks), so parallel requests cannot exceed the limit. Refused: how long to wait.
   */
  begin(account: string, address: string, options: { knownAddress: boolean }): Promise<AttemptAdmission>;
  /** The password was right: forgets the account's failures from that address and refunds the attempt elsewhere. */
  succeeded(ticket: AttemptTicket): Promise<void>;
};

const SWEEP_EVERY_MS = 10 * 60_000;

type Row = { key: string; attempts: number; window_ends_at: Date; locked_until: Date | null; lockouts: number };

/** Counters in the `login_throttles` table. */
export function createLoginLimiter(
  pool: pg.Pool,
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  now: () => Date = () => new Date(),
): LoginLimiter {
  const timing: ThrottleTiming = {
    windowMs: limits.windowMs,
    lockMs: limits.lockMs ?? limits.windowMs,
    maxLockMs: limits.maxLockMs ?? 24 * 3_600_000,
  };
  const scope = limits.scope ? `${limits.scope}:` : '';
  let lastSweep = 0;
  // Counters whose window and lock ended longer ago than the longest lock mean nothing any more
  // (decideAttempt would forget them): delete them now and then, so guessing from many addresses
  // does not grow the table forever.
  const sweep = async (at: Date) => {
    if (at.getTime() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = at.getTime();
    const before = new Date(at.getTime() - timing.maxLockMs);
    await pool.query(
      'DELETE FROM login_throttles WHERE window_ends_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)',
      [before],
    );
  };
  return {
    async begin(account, address, { knownAddress }) {
      await sweep(now());
      // JSON keeps an account that contains the separator from posing as another pair.
      const pairKey = `${scope}pair:${JSON.stringify([address, account])}`;
      const limitOf = new Map<string, number>([
        [pairKey, limits.perAccount],
        [`${scope}address:${address}`, limits.perAddress],
      ]);
      if (!knownAddress) limitOf.set(`${scope}account:${account}`, limits.perAccountAnyAddress ?? 20);
      const keys = [...limitOf.keys()].sort();
      return withTransaction(pool, async (client) => {
        const at = now();
        await client.query(
          `INSERT INTO login_throttles (key, attempts, window_ends_at) SELECT unnest($1::text[]), 0, $2
           ON CONFLICT (key) DO NOTHING`,
          [keys, at],
        );
        const { rows } = await client.query<Row>(
          'SELECT * FROM login_throttles WHERE key = ANY($1) ORDER BY key FOR UPDATE',
          [keys],
        );
        const decisions = rows.map((r) => {
          const state: ThrottleState = {
            attempts: r.attempts,
            windowEndsAt: r.window_ends_at,
            lockedUntil: r.locked_until,
            lockouts: r.lockouts,
          };
          const locked = Boolean(r.locked_until && r.locked_until > at);
          return { key: r.key, locked, ...decideAttempt(state, limitOf.get(r.key)!, timing, at) };
        });
        // A key already locked refuses without counting anywhere; a key going over its limit locks; else all count.
        const locked = decisions.filter((d) => d.locked);
        const refusing = locked.length > 0 ? locked : decisions.filter((d) => d.retryAfterSeconds > 0);
        const writes = locked.length > 0 ? [] : refusing.length > 0 ? refusing : decisions;
        if (writes.length > 0) {
          await client.query(
            `UPDATE login_throttles t SET attempts = w.attempts, window_ends_at = w.window_ends_at,
               locked_until = w.locked_until, lockouts = w.lockouts
             FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::int[])
               AS w(key, attempts, window_ends_at, locked_until, lockouts)
             WHERE t.key = w.key`,
            [
              writes.map((w) => w.key),
              writes.map((w) => w.state.attempts),
              writes.map((w) => w.state.windowEndsAt),
              writes.map((w) => w.state.lockedUntil),
              writes.map((w) => w.state.lockouts),
            ],
          );
        }
        if (refusing.length > 0) {
          return { allowed: false, retryAfterSeconds: Math.max(...refusing.map((d) => d.retryAfterSeconds)) };
        }
        return { allowed: true, ticket: { pairKey, otherKeys: keys.filter((k) => k !== pairKey) } };
      });
    },

    async succeeded(ticket) {
      await pool.query('DELETE FROM login_throttles WHERE key = $1', [ticket.pairKey]);
      await pool.query('UPDATE login_throttles SET attempts = greatest(attempts - 1, 0) WHERE key = ANY($1)', [
        ticket.otherKeys,
      ]);
    },
  };
}
