import { Money, type Day, type ProviderId } from '@spendsync/domain';
import { columnsOf, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import { notFound } from '../../errors';
import type { AnomalyDriver } from './anomaly-drivers';
import type { Anomaly, AnomalyStatus } from './anomaly.entity';
import type { AnomalyLevel } from './spend-series';

export type { AnomalyStatus } from './anomaly.entity';

/** What the API reads of an anomaly, in select order. */
const VIEW_FIELDS = [
  'id',
  'organizationId',
  'level',
  'provider',
  'seriesKey',
  'seriesLabel',
  'day',
  'kind',
  'severity',
  'expected',
  'actual',
  'delta',
  'changeKind',
  'drivers',
  'status',
  'note',
  'acknowledgedBy',
  'acknowledgedAt',
  'detectedAt',
  'resolvedAt',
] as const satisfies readonly (keyof Anomaly)[];
type ViewField = (typeof VIEW_FIELDS)[number];

/** A stored anomaly as the API returns it (its drivers' amounts as Money). */
export type StoredAnomaly = Omit<Pick<Anomaly, ViewField>, 'drivers'> & { drivers: AnomalyDriver[] };

/** Which anomalies to list; every field narrows. */
export type AnomalyFilter = {
  status?: AnomalyStatus[];
  level?: AnomalyLevel[];
  provider?: ProviderId[];
  from?: Day;
  to?: Day;
  series?: string;
};

type Row = RowOf<Anomaly, ViewField>;

const COLUMNS = columnsOf<Anomaly>(VIEW_FIELDS, { day: 'text', expected: 'text', actual: 'text', delta: 'text' });

const toAnomaly = (r: Row): StoredAnomaly => ({
  id: r.id,
  organizationId: r.organization_id,
  level: r.level,
  provider: r.provider,
  seriesKey: r.series_key,
  seriesLabel: r.series_label,
  day: r.day,
  kind: r.kind,
  severity: r.severity,
  expected: new Money(r.expected),
  actual: new Money(r.actual),
  delta: new Money(r.delta),
  changeKind: r.change_kind,
  status: r.status,
  note: r.note,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  detectedAt: r.detected_at,
  resolvedAt: r.resolved_at,
  drivers: r.drivers.map((d) => ({
    dimension: d.dimension,
    key: d.key,
    label: d.label,
    amount: new Money(d.amount),
    share: new Money(d.share),
  })),
});

/** Stored anomalies of one organization: list, get, acknowledge. Every query is scoped to the organization. */
export function createAnomalyService(db: Sql) {
  return {
    async list(
      organizationId: string,
      filter: AnomalyFilter,
      page: { offset: number; limit: number },
    ): Promise<{ total: number; rows: StoredAnomaly[] }> {
      const params: unknown[] = [organizationId];
      const where = ['organization_id = $1'];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (filter.status?.length) add((p) => `status = ANY(${p}::text[])`, filter.status);
      if (filter.level?.length) add((p) => `level = ANY(${p}::text[])`, filter.level);
      if (filter.provider?.length) add((p) => `provider = ANY(${p}::text[])`, filter.provider);
      if (filter.from) add((p) => `day >= ${p}::date`, filter.from);
      if (filter.to) add((p) => `day < ${p}::date`, filter.to);
      if (filter.series) add((p) => `series_key = ${p}`, filter.series);
      const [{ rows: count }, { rows }] = await Promise.all([
        db.query<{ n: string }>(`SELECT count(*)::text AS n FROM anomalies WHERE ${where.join(' AND ')}`, params),
        db.query<Row>(
          `SELECT ${COLUMNS} FROM anomalies WHERE ${where.join(' AND ')}
          ORDER BY day DESC, CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, abs(delta) DESC, id
          OFFSET ${page.offset} LIMIT ${page.limit}`,
          params,
        ),
      ]);
      return { total: Number(count[0]!.n), rows: rows.map(toAnomaly) };
    },

    async get(organizationId: string, id: string): Promise<StoredAnomaly | null> {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM anomalies WHERE organization_id = $1 AND id::text = $2`,
        [organizationId, id],
      );
      return rows[0] ? toAnomaly(rows[0]) : null;
    },

    /** Marks an open anomaly acknowledged with the admin's note; another organization's anomaly is NOT_FOUND. */
    async acknowledge(
      organizationId: string,
      id: string,
      userId: string | null,
      note: string | null,
    ): Promise<StoredAnomaly> {
      const { rows } = await db.query<Row>(
        `UPDATE anomalies SET status = CASE WHEN status = 'resolved' THEN status ELSE 'acknowledged' END,
          note = $4, acknowledged_by = $3, acknowledged_at = now(), updated_at = now()
        WHERE organization_id = $1 AND id::text = $2 RETURNING ${COLUMNS}`,
        [organizationId, id, userId, note],
      );
      if (!rows[0]) throw notFound('Anomaly', id);
      return toAnomaly(rows[0]);
    },
  };
}

/** See {@link createAnomalyService}. */
export type AnomalyService = ReturnType<typeof createAnomalyService>;
