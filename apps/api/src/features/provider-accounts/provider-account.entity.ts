import type { Day, ProviderId } from '@spendsync/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** Where an account stands: usable, being synced, failing (see lastError), or unlinked by the admin. */
export const PROVIDER_ACCOUNT_STATUSES = ['active', 'syncing', 'error', 'disconnected'] as const;
export type ProviderAccountStatus = (typeof PROVIDER_ACCOUNT_STATUSES)[number];

/** One linked account at an AI provider, with its credentials encrypted at rest. */
@Entity({ name: 'provider_accounts' })
@Check('provider_accounts_status_check', `status IN ('active', 'syncing', 'error', 'disconnected')`)
// Target of the (provider_account_id, organization_id) foreign keys: a child row's organization
// can never disagree with its account's.
@Unique('provider_accounts_id_organization_id_key', ['id', 'organizationId'])
export class ProviderAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('provider_accounts_organization_id_idx')
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  provider: ProviderId;

  /** The admin's name for the account, e.g. "OpenAI – research org". */
  @Column({ type: 'text' })
  label: string;

  /** `credential-cipher` output (version, IV, auth tag, ciphertext). Never leaves the server. */
  @Column({ type: 'bytea' })
  credentialsEncrypted: Buffer;

  /** Recognisable, unusable fragment of the credential, for display. */
  @Column({ type: 'text' })
  keyHint: string;

  @Column({ type: 'text', default: 'active' })
  status: ProviderAccountStatus;

  /** The last sync or verification error, free of secrets. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The provider check found the credential limited (e.g. an OpenRouter standard key): what it can't sync. */
  @Column({ type: 'text', nullable: true })
  credentialNotice: string | null;

  /** The last sync authenticated but found no billing data at all: the "wrong key type?" guidance. */
  @Column({ type: 'text', nullable: true })
  syncNotice: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  /** Every day before this one (exclusive) is stored completely; the next sync can start here. */
  @Column({ type: 'date', nullable: true })
  dataCompleteThrough: Day | null;

  /** Every read day before this one (exclusive) is settled: past the billing delay and re-read after it. */
  @Column({ type: 'date', nullable: true })
  settledThrough: Day | null;

  /**
   * Where the adapter sends its calls instead of the provider's own endpoint (a simulator, a
   * proxy); null for the provider's. Only accepted when SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS is on.
   */
  @Column({ type: 'text', nullable: true })
  endpointOverride: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
