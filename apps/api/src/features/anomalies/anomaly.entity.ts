import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY } from '../../database/transformers';
import { Organization } from '../organizations/organization.entity';
import type { AnomalyLevel } from './spend-series';
import type { ChangeKind } from './anomaly-drivers';
import type { AnomalyKind, AnomalySeverity } from './detect-anomalies';

export type AnomalyStatus = 'open' | 'acknowledged' | 'resolved';

/** A driver as stored in `drivers` (JSON): the amounts as decimal text. */
export type StoredAnomalyDriver = {
  dimension: AnomalyLevel;
  key: string | null;
  label: string;
  amount: string;
  share: string;
};

/**
 * One anomaly of one series on one settled day, stored once per (organization, level, provider
 * scope, series, day, kind): a re-sync updates it. That key is UNIQUE NULLS NOT DISTINCT (the
 * provider is null for series across providers), which TypeORM cannot express: the migration adds it.
 */
@Entity({ name: 'anomalies' })
@Index('anomalies_series_day_key', ['organizationId', 'level', 'provider', 'seriesKey', 'day', 'kind'], {
  unique: true,
})
@Index('anomalies_organization_id_day_idx', ['organizationId', 'day'])
export class Anomaly {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  level: AnomalyLevel;

  /** Null for a series across providers. */
  @Column({ type: 'text', nullable: true })
  provider: ProviderId | null;

  @Column({ type: 'text' })
  seriesKey: string;

  @Column({ type: 'text' })
  seriesLabel: string;

  @Column({ type: 'date' })
  day: Day;

  @Column({ type: 'text' })
  kind: AnomalyKind;

  @Column({ type: 'text' })
  severity: AnomalySeverity;

  @Column({ type: 'numeric', transformer: MONEY })
  expected: Money;

  @Column({ type: 'numeric', transformer: MONEY })
  actual: Money;

  @Column({ type: 'numeric', transformer: MONEY })
  delta: Money;

  @Column({ type: 'text' })
  changeKind: ChangeKind;

  @Column({ type: 'jsonb' })
  drivers: StoredAnomalyDriver[];

  @Column({ type: 'text', default: 'open' })
  status: AnomalyStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The admin who acknowledged it (no foreign key: the note outlives the user). */
  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  detectedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
