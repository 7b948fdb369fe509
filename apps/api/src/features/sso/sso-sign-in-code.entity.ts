import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A one-time code the callback hands the admin UI; `spendsyncCompleteSsoSignIn` exchanges it for
 * a session once, within a minute. Only its hash is stored.
 */
@Entity({ name: 'sso_sign_in_codes' })
export class SsoSignInCode {
  @PrimaryColumn({ type: 'text' })
  codeHash: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
