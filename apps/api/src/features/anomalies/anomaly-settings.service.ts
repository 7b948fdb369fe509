import { Money } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import { badInput, ApiError } from '../../errors';
import { DEFAULT_ANOMALY_THRESHOLDS, parseAnomalyThresholds, type AnomalyThresholds } from './anomaly-thresholds';

type Row = { mad_multiplier: string; median_fraction: string; min_cost: string };

/** The organization's anomaly thresholds: its own, or the defaults. */
export async function getAnomalyThresholds(db: Sql, organizationId: string): Promise<AnomalyThresholds> {
  const { rows } = await db.query<Row>('SELECT mad_multiplier::text, median_fraction::text, min_cost::text FROM anomaly_settings WHERE organization_id = $1', [organizationId]);
  const r = rows[0];
  return r ? { madMultiplier: new Money(r.mad_multiplier), medianFraction: new Money(r.median_fraction), minCost: new Money(r.min_cost) } : DEFAULT_ANOMALY_THRESHOLDS;
}

/** Validates and stores new thresholds (decimal text; omitted fields keep their value); bad fields are BAD_USER_INPUT with every issue. */
export async function updateAnomalyThresholds(db: Sql, organizationId: string,
  input: Partial<Record<keyof AnomalyThresholds, string | null>>): Promise<AnomalyThresholds> {
  const parsed = parseAnomalyThresholds(input, await getAnomalyThresholds(db, organizationId));
  if (!parsed.ok) {
    const [first] = parsed.errors;
    if (parsed.errors.length === 1) throw badInput(first!.field, first!.message);
    throw new ApiError('BAD_USER_INPUT', parsed.errors.map((e) => e.message).join('; '), { field: first!.field, issues: parsed.errors });
  }
  const t = parsed.value;
  await db.query(`INSERT INTO anomaly_settings (organization_id, mad_multiplier, median_fraction, min_cost) VALUES ($1, $2, $3, $4)
    ON CONFLICT (organization_id) DO UPDATE SET mad_multiplier = $2, median_fraction = $3, min_cost = $4, updated_at = now()`,
  [organizationId, t.madMultiplier.toString(), t.medianFraction.toString(), t.minCost.toString()]);
  return t;
}
