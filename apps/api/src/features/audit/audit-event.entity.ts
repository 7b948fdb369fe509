import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

export const AUDIT_ACTOR_TYPES = ['user', 'api_token'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
export const AUDIT_OUTCOMES = ['succeeded', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One change made through the API: who (user or API token), when, from which address, what
 * (the operation, its target, and its input with every secret replaced) and how it ended.
 * Append-only: the code has no update or delete path, and a trigger refuses them.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_organization_id_occurred_at_idx', ['organizationId', 'occurredAt'])
@Check('audit_events_actor_type_check', `actor_type IN ('user', 'api_token')`)
@Check('audit_events_outcome_check', `outcome IN ('succeeded', 'failed')`)
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'text' })
  actorType: AuditActorType;

  /** The user's or the API token's id (null once neither is known). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** The user's email or the token's name, as it was then. */
  @Column({ type: 'text' })
  actorLabel: string;

  @Column({ type: 'text' })
  clientAddress: string;

  /** The mutation, e.g. `linkProvider`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  targetType: string | null;

  @Column({ type: 'text', nullable: true })
  targetId: string | null;

  /** `{ input }`: the arguments, secrets replaced by "[redacted]". */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, unknown>;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  errorCode: string | null;
}
