import type { Day, Money, ThresholdKind } from '@spendsync/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MONEY } from '../../database/transformers';
import { Organization } from '../organizations/organization.entity';
import { Budget } from './budget.entity';

/**
 * One threshold of one budget reached in one period. The unique key is what makes a threshold
 * fire at most once per period across processes and restarts; `recoveredAt` is set when a
 * re-sync brings spend back below it (it does not fire again in that period).
 */
@Entity({ name: 'budget_alert_events' })
@Unique('budget_alert_events_once_key', ['budgetId', 'periodStart', 'thresholdKind', 'thresholdPercent'])
@Index('budget_alert_events_organization_id_fired_at_idx', ['organizationId', 'firedAt'])
@Check('budget_alert_events_threshold_kind_check', `threshold_kind IN ('actual', 'forecast')`)
export class BudgetAlertEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'uuid' })
  budgetId: string;

  @ManyToOne(() => Budget, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'budget_id' })
  budget?: Budget;

  @Column({ type: 'date' })
  periodStart: Day;

  @Column({ type: 'date' })
  periodEnd: Day;

  @Column({ type: 'text' })
  thresholdKind: ThresholdKind;

  @Column({ type: 'integer' })
  thresholdPercent: number;

  /** The budget's amount when it fired. */
  @Column({ type: 'numeric', transformer: MONEY })
  budgetAmount: Money;

  @Column({ type: 'numeric', transformer: MONEY })
  spent: Money;

  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  forecast: Money | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  recoveredAt: Date | null;

  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  recoveredSpent: Money | null;
}
