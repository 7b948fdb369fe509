import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

/**
 * A token for programmatic readers (frontend teams, scripts) and metering clients. Created and
 * revoked by admins; only the SHA-256 of the token is stored, so it is shown once.
 */
@Entity({ name: 'api_tokens' })
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('api_tokens_organization_id_idx')
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** What the admin called it ("cost widgets", "checkout service metering"). */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  /** Recognisable, unusable fragment of the token, for the list of tokens. */
  @Column({ type: 'text' })
  hint: string;

  /** Besides reading, may report metered usage (`recordMeteredUsage`, `POST /v1/metered-usage`). */
  @Column({ type: 'boolean', default: false })
  canRecordUsage: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** After this the token is refused (with a message saying it expired). */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
