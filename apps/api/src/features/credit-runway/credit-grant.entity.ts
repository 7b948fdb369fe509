import type { Day, Money } from '@spendsync/domain';
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
import { ProviderAccount } from '../provider-accounts/provider-account.entity';

/**
 * A credit grant an admin enters because the provider's API does not expose it (AWS Activate,
 * a GCP credit grant): it is drawn down by the credits applied on its account from `startsOn`.
 */
@Entity({ name: 'credit_grants' })
@Index('credit_grants_organization_id_idx', ['organizationId'])
@Check('credit_grants_amount_check', 'amount > 0')
@Check('credit_grants_expiry_check', 'expires_on IS NULL OR expires_on >= starts_on')
@Check('credit_grants_notify_under_days_check', 'notify_under_days IS NULL OR notify_under_days BETWEEN 1 AND 3650')
export class CreditGrant {
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

  @Column({ type: 'text' })
  name: string;

  /** USD granted, > 0. */
  @Column({ type: 'numeric', transformer: MONEY })
  amount: Money;

  /** The first day its credits apply. */
  @Column({ type: 'date' })
  startsOn: Day;

  /** The last day it can be used (inclusive); null: no expiry. */
  @Column({ type: 'date', nullable: true })
  expiresOn: Day | null;

  /** Notify when its runway falls under this many days (overrides the organization's setting). */
  @Column({ type: 'integer', nullable: true })
  notifyUnderDays: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
