import type { Money } from '@spendsync/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MONEY } from '../../database/transformers';
import { Organization } from '../organizations/organization.entity';

/** An organization's own anomaly thresholds (none stored: the defaults apply). */
@Entity({ name: 'anomaly_settings' })
export class AnomalySettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** k in baseline + max(k × MAD, f × median). */
  @Column({ type: 'numeric', transformer: MONEY })
  madMultiplier: Money;

  /** f in baseline + max(k × MAD, f × median). */
  @Column({ type: 'numeric', transformer: MONEY })
  medianFraction: Money;

  /** A spike must be at least this many dollars. */
  @Column({ type: 'numeric', transformer: MONEY })
  minCost: Money;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
