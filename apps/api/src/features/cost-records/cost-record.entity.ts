import type { ChargeKind, Day, Money, ProviderId } from '@spendsync/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_COUNT, MONEY } from '../../database/transformers';
import { ProviderAccount } from '../provider-accounts/provider-account.entity';
import { PROVIDER_ACCOUNT_JOIN } from '../provider-accounts/provider-account.relation';

/** Columns of the grain, in index order: one row per grain (DESIGN.md §4). */
export const COST_RECORD_GRAIN_COLUMNS = [
  'provider_account_id',
  'day',
  'workspace_external_id',
  'api_key_external_id',
  'model',
  'charge_kind',
  'unit',
] as const;

/**
 * One day of one grain of a provider account's bill: the stored form of the domain `CostRecord`.
 * Written only by `replace-partition` (whole account-days at a time), never row by row.
 *
 * The grain index is UNIQUE NULLS NOT DISTINCT (PostgreSQL 15+), so a grain with no workspace or
 * key still appears at most once; TypeORM cannot express NULLS NOT DISTINCT, so the migration
 * adds it and a test checks it. The index also serves "account between two days" (its first two
 * columns), which is why there is no separate (provider_account_id, day) index.
 */
@Entity({ name: 'cost_records' })
@Index(
  'cost_records_grain_key',
  ['providerAccountId', 'day', 'workspaceExternalId', 'apiKeyExternalId', 'model', 'chargeKind', 'unit'],
  { unique: true },
)
@Index('cost_records_organization_id_day_idx', ['organizationId', 'day'])
@Index('cost_records_organization_id_provider_day_idx', ['organizationId', 'provider', 'day'])
// A search's records of the key hints holding its term (migration SearchIndexes1798400000000).
@Index('cost_records_api_key_hint_idx', ['organizationId', 'apiKeyHint', 'day'])
// Only the few records with refunds, discounts or a billing currency (the Providers dashboard reads them from the records).
@Index('cost_records_adjustments_idx', ['organizationId', 'day'], {
  where: '((refunds <> (0)::numeric) OR (discounts <> (0)::numeric) OR (billing_currency IS NOT NULL))',
})
@Check('cost_records_charge_kind_check', `charge_kind IN ('usage', 'credit', 'tax_fee', 'image', 'other')`)
@Check('cost_records_credits_applied_check', 'credits_applied >= 0')
@Check('cost_records_refunds_check', 'refunds >= 0')
@Check('cost_records_discounts_check', 'discounts >= 0 AND discounts <= credits_applied')
export class CostRecordEntity {
  /** Surrogate key; identity (not uuid) keeps bulk inserts of millions of rows cheap. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  providerAccountId: string;

  @ManyToOne(() => ProviderAccount, { onDelete: 'CASCADE' })
  @JoinColumn(PROVIDER_ACCOUNT_JOIN)
  providerAccount?: ProviderAccount;

  @Column({ type: 'text' })
  provider: ProviderId;

  @Column({ type: 'date' })
  day: Day;

  @Column({ type: 'text', nullable: true })
  workspaceExternalId: string | null;

  @Column({ type: 'text', nullable: true })
  apiKeyExternalId: string | null;

  @Column({ type: 'text' })
  model: string;

  @Column({ type: 'text' })
  chargeKind: ChargeKind;

  /** Unit of `quantity` for non-token usage (`images`, `seconds`…); part of the grain. */
  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Column({ type: 'numeric', transformer: MONEY })
  cost: Money;

  @Column({ type: 'numeric', transformer: MONEY })
  creditsApplied: Money;

  /** Refunds already subtracted from `cost`, as a positive amount. */
  @Column({ type: 'numeric', default: 0, transformer: MONEY })
  refunds: Money;

  /** The part of `creditsApplied` that is discounts, and the provider's names of their kinds. */
  @Column({ type: 'numeric', default: 0, transformer: MONEY })
  discounts: Money;

  @Column({ type: 'text', nullable: true })
  discountKinds: string | null;

  @Column({ type: 'text', default: 'USD' })
  currency: 'USD';

  /** The billing currency when it is not USD, and `cost` in it as the provider states it. */
  @Column({ type: 'text', nullable: true })
  billingCurrency: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  billingCost: Money | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  inputTokens: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  outputTokens: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  cachedInputTokens: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  cacheWriteTokens: number | null;

  /** Null when the provider does not report requests: unknown is not zero. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  requests: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  quantity: Money | null;

  @Column({ type: 'jsonb', nullable: true })
  mix: Record<string, Record<string, number>> | null;

  /** The provider's names at sync time, kept so rows read well even after a workspace or key is gone. */
  @Column({ type: 'text', nullable: true })
  workspaceName: string | null;

  @Column({ type: 'text', nullable: true })
  apiKeyHint: string | null;

  @Column({ type: 'text', nullable: true })
  apiKeyName: string | null;
}
