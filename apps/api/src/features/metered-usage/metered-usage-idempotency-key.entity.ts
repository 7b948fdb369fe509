import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/**
 * A metered usage report sent with an idempotency key: the key, a hash of what was sent, and
 * what it stored. A retry with the same key stores nothing and answers the first result; the same
 * key with a different report is refused (CONFLICT).
 */
@Entity({ name: 'metered_usage_batches' })
export class MeteredUsageIdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The client's key (field `idempotencyKey` or the `Idempotency-Key` header), unique per organization. */
  @PrimaryColumn({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the parsed report, to tell a retry from a different report reusing the key. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'integer' })
  accepted: number;

  @Column({ type: 'integer' })
  matchedToKeys: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
