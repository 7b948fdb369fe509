import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An OpenID Connect sign-in in progress: what `/auth/oidc/start` sent the provider, kept
 * server-side until the callback. Only the state's hash is stored; a completed attempt keeps its
 * row (until it expires) so a replayed callback is told apart from an unknown one.
 */
@Entity({ name: 'sso_sign_in_attempts' })
export class SsoSignInAttempt {
  /** Hex SHA-256 of the `state` parameter. */
  @PrimaryColumn({ type: 'text' })
  stateHash: string;

  /** The `nonce` the ID token must carry. */
  @Column({ type: 'text' })
  nonce: string;

  /** The PKCE verifier, sent with the code to the token endpoint. */
  @Column({ type: 'text' })
  codeVerifier: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set once the callback used it: a second callback with the same state is a replay. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
