import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ProviderAccount } from '../provider-accounts/provider-account.entity';
import { PROVIDER_ACCOUNT_JOIN } from '../provider-accounts/provider-account.relation';

/** An API key at the provider, as listed through one account (metadata only, never the secret). */
@Entity({ name: 'api_keys' })
@Unique('api_keys_provider_account_id_external_id_key', ['providerAccountId', 'externalId'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  providerAccountId: string;

  @ManyToOne(() => ProviderAccount, { onDelete: 'CASCADE' })
  @JoinColumn(PROVIDER_ACCOUNT_JOIN)
  providerAccount?: ProviderAccount;

  /** The provider's id of the workspace the key belongs to, when it has one. */
  @Column({ type: 'text', nullable: true })
  workspaceExternalId: string | null;

  /** The provider's id of the key (cost records refer to it as `api_key_external_id`). */
  @Column({ type: 'text' })
  externalId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** Recognisable, unusable fragment such as `sk-ant-api03-Z4C...EQAA`. */
  @Column({ type: 'text', nullable: true })
  hint: string | null;

  /** The provider's status word (`active`, `archived`, `disabled`…), as reported. */
  @Column({ type: 'text', nullable: true })
  status: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
