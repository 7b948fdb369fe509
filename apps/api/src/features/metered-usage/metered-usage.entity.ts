import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_COUNT, MONEY } from '../../database/transformers';
import { ApiKey } from '../api-keys/api-key.entity';
import { Organization } from '../organizations/organization.entity';

/**
 * Traffic an application reported itself (what its SDK saw), per day; compared with the
 * provider's bill it gives the "coverage" ratio. Reports add up, so there is no unique grain.
 */
@Entity({ name: 'metered_usage' })
@Index('metered_usage_organization_id_day_idx', ['organizationId', 'day'])
@Index('metered_usage_organization_id_provider_day_idx', ['organizationId', 'provider', 'day'])
// Whether one key was metered in a period, by its id or by provider and hint (migration MeteredKeyIndexes1798800000000).
@Index('metered_usage_organization_id_api_key_id_day_idx', ['organizationId', 'apiKeyId', 'day'], {
  where: '(api_key_id IS NOT NULL)',
})
@Index('metered_usage_organization_id_provider_hint_day_idx', ['organizationId', 'provider', 'apiKeyHint', 'day'], {
  where: '((api_key_id IS NULL) AND (api_key_hint IS NOT NULL))',
})
export class MeteredUsage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  provider: ProviderId;

  @Column({ type: 'text' })
  model: string;

  /** The key as the application knows it: a hint, matched against `api_keys.hint`. */
  @Column({ type: 'text', nullable: true })
  apiKeyHint: string | null;

  /** The matched key, when the report could be tied to one. */
  @Column({ type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey?: ApiKey | null;

  @Column({ type: 'date' })
  day: Day;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  inputTokens: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  outputTokens: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_COUNT })
  requests: number | null;

  /** Units other than tokens and requests (images, seconds, characters…), when the application counts them. */
  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  units: Money | null;

  /** The application's own cost estimate in USD, when it sent one. */
  @Column({ type: 'numeric', nullable: true, transformer: MONEY })
  cost: Money | null;

  /** Which application or SDK reported it. */
  @Column({ type: 'text' })
  source: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
