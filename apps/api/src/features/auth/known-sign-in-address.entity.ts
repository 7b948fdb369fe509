import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * An address a user signed in from successfully. From a known address the right password is
 * not refused because of failures from other addresses, so nobody can lock an admin out.
 */
@Entity({ name: 'known_sign_in_addresses' })
export class KnownSignInAddress {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @PrimaryColumn({ type: 'text' })
  address: string;

  @Column({ type: 'timestamptz' })
  lastSignInAt: Date;
}
