import { Money } from '@spendsync/domain';
import { columnsOf, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import type { AnomalySettingsEntity } from './anomaly-settings.entity';
import { badInput, ApiError } from '../../errors';
import { listAnomalyRoutes, setAnomalyRoutes, type AnomalyRoute } from './anomaly-routes';
import { DEFAULT_ANOMALY_THRESHOLDS, parseAnomalyThresholds, type AnomalyThresholds } from './anomaly-thresholds';

const FIELDS = [
  'madMultiplier',
  'medianFraction',
  'minCost',
] as const satisfies readonly (keyof AnomalySettingsEntity)[];
type Row = RowOf<AnomalySettingsEntity, (typeof FIELDS)[number]>;
const COLUMNS = columnsOf<AnomalySettingsEntity>(FIELDS, {
  madMultiplier: 'text',
  medianFraction: 'text',
  minCost: 'text',
});

/** The organization's anomaly thresholds: its own, or the defaults. */
export async function getAnomalyThresholds(db: Sql, organizationId: string): Promise<AnomalyThresholds> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM anomaly_settings WHERE organization_id = $1`, [
    organizationId,
  ]);
  const r = rows[0];
  return r
    ? {
        madMultiplier: new Money(r.mad_multiplier),
        medianFraction: new Money(r.median_fraction),
        minCost: new Money(r.min_cost),
      }
    : DEFAULT_ANOMALY_THRESHOLDS;
}

/** Validates and stores new thresholds (decimal text; omitted fields keep their value); bad fields are BAD_USER_INPUT with every issue. */
export async function updateAnomalyThresholds(
  db: Sql,
  organizationId: string,
  input: Partial<Record<keyof AnomalyThresholds, string | null>>,
): Promise<AnomalyThresholds> {
  const parsed = parseAnomalyThresholds(input, await getAnomalyThresholds(db, organizationId));
  if (!parsed.ok) {
    const [first] = parsed.errors;
    if (parsed.errors.length === 1) throw badInput(first!.field, first!.message);
    throw new ApiError('BAD_USER_INPUT', parsed.errors.map((e) => e.message).join('; '), {
      field: first!.field,
      issues: parsed.errors,
    });
  }
  const t = parsed.value;
  await db.query(
    `INSERT INTO anomaly_settings (organization_id, mad_multiplier, median_fraction, min_cost) VALUES ($1, $2, $3, $4)
    ON CONFLICT (organization_id) DO UPDATE SET mad_multiplier = $2, median_fraction = $3, min_cost = $4, updated_at = now()`,
    [organizationId, t.madMultiplier.toString(), t.medianFraction.toString(), t.minCost.toString()],
  );
  return t;
}

/** The thresholds and the channels that receive new anomalies. */
export type AnomalySettings = AnomalyThresholds & { routes: AnomalyRoute[] };

/** A change of the settings: thresholds as decimal text (omitted ones kept) and, when given, the new routes. */
export type AnomalySettingsChange = Partial<Record<keyof AnomalyThresholds, string | null>> & {
  routes?: readonly AnomalyRoute[];
};

/** An organization's anomaly settings, read and changed as one (what the API serves). */
export function createAnomalySettingsService(db: Sql) {
  return {
    async get(organizationId: string): Promise<AnomalySettings> {
      return {
        ...(await getAnomalyThresholds(db, organizationId)),
        routes: await listAnomalyRoutes(db, organizationId),
      };
    },

    /** Checks the routes, then stores the thresholds and the routes; a bad field is BAD_USER_INPUT and nothing is saved. */
    async update(organizationId: string, change: AnomalySettingsChange): Promise<AnomalySettings> {
      const { routes, ...thresholds } = change;
      if (routes) await setAnomalyRoutes(db, organizationId, routes, { dryRun: true });
      const saved = await updateAnomalyThresholds(db, organizationId, thresholds);
      return {
        ...saved,
        routes: routes
          ? await setAnomalyRoutes(db, organizationId, routes)
          : await listAnomalyRoutes(db, organizationId),
      };
    },
  };
}

/** See {@link createAnomalySettingsService}. */
export type AnomalySettingsService = ReturnType<typeof createAnomalySettingsService>;
