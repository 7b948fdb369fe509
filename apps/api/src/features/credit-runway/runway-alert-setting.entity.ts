import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** The organization's "notify when a runway falls under N days" (null: off); grants may set their own. */
@Entity({ name: 'runway_alert_settings' })
@Check(
  'runway_alert_settings_notify_under_days_check',
  'notify_under_days IS NULL OR notify_under_days BETWEEN 1 AND 3650',
)
export class RunwayAlertSetting {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'integer', nullable: true })
  notifyUnderDays: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
