import type { Day, Money } from '@spendsync/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MONEY } from '../../database/transformers';
import { Organization } from '../organizations/organization.entity';
import { ProviderAccount } from '../provider-accounts/provider-account.entity';

/**
 * A provider's prepaid credit balance as a sync read it (OpenRouter's `/credits`, Runway's
 * organization), one row per account and UTC day: a later read the same day replaces it.
 */
@Entity({ name: 'credit_balance_snapshots' })
@Unique('credit_balance_snapshots_provider_account_id_day_key', ['providerAccountId', 'day'])
@Index('credit_balance_snapshots_organization_id_day_idx', ['organizationId', 'day'])
export class CreditBalanceSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'uuid' })
  providerAccountId: string;

  @ManyToOne(() => ProviderAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_account_id' })
  providerAccount?: ProviderAccount;

  @Column({ type: 'date' })
  day: Day;

  /** USD left. */
  @Column({ type: 'numeric', transformer: MONEY })
  remaining: Money;

  /** Lifetime credits bought, when the provider reports it (USD). */
  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  granted: Money | null;

  /** Lifetime credits used, when the provider reports it (USD). */
  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  used: Money | null;

  @Column({ type: 'timestamptz' })
  readAt: Date;
}
