import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** What a user may do: admins change things, viewers only read. */
export const USER_ROLES = ['admin', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A person who signs in to one organization. Deactivated users keep their row (who created what) but cannot sign in. */
@Entity({ name: 'users' })
@Check('users_role_check', `role IN ('admin', 'viewer')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('users_organization_id_idx')
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** Stored as given (lower-cased by the sign-up code); unique across the installation. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: UserRole;

  /** Set when an admin deactivated the user: no sign-in, no sessions. */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** Set for the first admin (SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD): until changed, only changePassword, logout and me work. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
