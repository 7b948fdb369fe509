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

/** Where alerts go: a signed webhook, a Slack incoming webhook, or email. */
export const CHANNEL_KINDS = ['webhook', 'slack', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A notification channel of an organization; its URL and secret are encrypted at rest. */
@Entity({ name: 'notification_channels' })
@Index('notification_channels_organization_id_idx', ['organizationId'])
@Check('notification_channels_kind_check', `kind IN ('webhook', 'slack', 'email')`)
@Check('notification_channels_anomaly_min_severity_check', `anomaly_min_severity IN ('medium', 'high', 'critical')`)
export class NotificationChannel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  kind: ChannelKind;

  @Column({ type: 'text' })
  name: string;

  /** What the admin sees of the target: the webhook's host and path start, the Slack hook's last characters, the address. */
  @Column({ type: 'text' })
  targetHint: string;

  /** `credential-cipher` output of the channel's JSON config (URL, signing secret, recipients). Never leaves the server. */
  @Column({ type: 'bytea' })
  configEncrypted: Buffer;

  /** The least severe new anomaly this channel receives; null: it receives no anomalies (see anomalies/anomaly-routes.ts). */
  @Column({ type: 'text', nullable: true })
  anomalyMinSeverity: 'medium' | 'high' | 'critical' | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
