import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/**
 * Whether a runway (`balance:<account id>` or `grant:<grant id>`) is under its notify threshold:
 * a notification is queued only when it goes from above to under, so once per crossing.
 */
@Entity({ name: 'runway_alert_states' })
export class RunwayAlertState {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @PrimaryColumn({ type: 'text' })
  subject: string;

  @Column({ type: 'boolean' })
  under: boolean;

  @Column({ type: 'integer', nullable: true })
  daysLeft: number | null;

  @Column({ type: 'integer' })
  thresholdDays: number;

  @Column({ type: 'timestamptz' })
  changedAt: Date;
}
