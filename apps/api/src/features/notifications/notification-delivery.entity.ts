import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BudgetAlertEvent } from '../budgets/budget-alert-event.entity';
import { Organization } from '../organizations/organization.entity';
import { NotificationChannel } from './notification-channel.entity';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event to send to one channel: stored before the first try (an outbox), retried with backoff. */
@Entity({ name: 'notification_deliveries' })
@Index('notification_deliveries_status_next_attempt_at_idx', ['status', 'nextAttemptAt'])
@Index('notification_deliveries_organization_id_created_at_idx', ['organizationId', 'createdAt'])
@Check('notification_deliveries_status_check', `status IN ('pending', 'succeeded', 'failed')`)
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'uuid' })
  channelId: string;

  @ManyToOne(() => NotificationChannel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: NotificationChannel;

  @Column({ type: 'uuid', nullable: true })
  alertEventId: string | null;

  @ManyToOne(() => BudgetAlertEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_event_id' })
  alertEvent?: BudgetAlertEvent | null;

  /** `budget.threshold_fired` or `test`. */
  @Column({ type: 'text' })
  eventType: string;

  /** The event as sent (JSON), free of secrets. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
