import type { BudgetThreshold, Day, Money, ProviderId } from '@spendsync/domain';
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
import { MONEY } from '../../database/transformers';
import { Organization } from '../organizations/organization.entity';

/** Gross cost, or net cost (cost − credits applied). */
export const BUDGET_MEASURES = ['gross', 'net'] as const;
export type BudgetMeasure = (typeof BUDGET_MEASURES)[number];

/**
 * A spending limit over a scope of the organization's cost records for a period. Empty scope
 * lists mean "any"; all lists empty is the whole organization.
 */
@Entity({ name: 'budgets' })
@Index('budgets_organization_id_idx', ['organizationId'])
@Check('budgets_amount_check', 'amount > 0')
@Check('budgets_period_kind_check', `period_kind IN ('month', 'quarter', 'custom')`)
@Check(
  'budgets_period_range_check',
  `period_kind <> 'custom' OR (period_start IS NOT NULL AND period_end > period_start)`,
)
@Check('budgets_measure_check', `measure IN ('gross', 'net')`)
export class Budget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  name: string;

  /** USD, > 0. */
  @Column({ type: 'numeric', transformer: MONEY })
  amount: Money;

  @Column({ type: 'text' })
  periodKind: 'month' | 'quarter' | 'custom';

  /** Custom ranges only (end exclusive). */
  @Column({ type: 'date', nullable: true })
  periodStart: Day | null;

  @Column({ type: 'date', nullable: true })
  periodEnd: Day | null;

  @Column({ type: 'text' })
  measure: BudgetMeasure;

  @Column({ type: 'text', array: true })
  scopeProviders: ProviderId[];

  @Column({ type: 'uuid', array: true })
  scopeAccountIds: string[];

  /** Display names (a mapped name groups workspaces of several providers) or workspace ids. */
  @Column({ type: 'text', array: true })
  scopeWorkspaces: string[];

  /** `api_keys.id` values. */
  @Column({ type: 'uuid', array: true })
  scopeApiKeyIds: string[];

  @Column({ type: 'text', array: true })
  scopeModels: string[];

  @Column({ type: 'jsonb' })
  thresholds: BudgetThreshold[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
