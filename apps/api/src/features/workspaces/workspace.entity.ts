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

/** A provider's project / workspace / linked account / resource group, as seen through one account. */
@Entity({ name: 'workspaces' })
@Unique('workspaces_provider_account_id_external_id_key', ['providerAccountId', 'externalId'])
export class Workspace {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  providerAccountId: string;

  @ManyToOne(() => ProviderAccount, { onDelete: 'CASCADE' })
  @JoinColumn(PROVIDER_ACCOUNT_JOIN)
  providerAccount?: ProviderAccount;

  /** The provider's id (cost records refer to it as `workspace_external_id`). */
  @Column({ type: 'text' })
  externalId: string;

  /** The provider's own name, refreshed by each sync; null when the provider has none. */
  @Column({ type: 'text', nullable: true })
  providerName: string | null;

  /** The admin's rename; null shows the provider's name. Workspaces with equal display names are grouped. */
  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
