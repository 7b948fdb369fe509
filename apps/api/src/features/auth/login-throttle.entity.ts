import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One counter of password attempts (sign-ins, password changes): per account from one address,
 * per address, or per account from any address. Counted in the database, under a row lock,
 * before the slow password hash, so parallel requests cannot slip past the limit.
 */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  /** What is counted, e.g. `pair:["10.0.0.1","a@x"]`, `address:10.0.0.1` or `account:a@x`. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Attempts counted in the current window (successes are refunded). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  windowEndsAt: Date;

  /** Set while locked: every attempt is refused until then. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Locks so far: each lock lasts twice as long as the one before (exponential backoff). */
  @Column({ type: 'integer', default: 0 })
  lockouts: number;
}
