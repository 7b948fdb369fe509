import type { Writable } from 'node:stream';
import type pg from 'pg';
import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import type { Caller } from '../auth/caller';
import { streamRows, type RowEncoder } from '../exports/write-dashboard-csv';
import type { AuditActorType, AuditEvent, AuditOutcome } from './audit-event.entity';

/** A change to record. */
export type AuditEntry = {
  caller: Caller;
  clientAddress: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: Record<string, unknown>;
  outcome: AuditOutcome;
  errorCode: string | null;
};

/** What the log shows of an event (and the CSV), in select order. */
const VIEW_FIELDS = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'actorLabel',
  'clientAddress',
  'action',
  'targetType',
  'targetId',
  'changes',
  'outcome',
  'errorCode',
] as const satisfies readonly (keyof AuditEvent)[];
type ViewField = (typeof VIEW_FIELDS)[number];

/** An audit event as the API shows it. */
export type AuditEventView = Pick<AuditEvent, ViewField>;

/** An audit event as the log's queries return it (the CSV encodes these rows). */
export type AuditRow = RowOf<AuditEvent, ViewField>;

/** Filters of the audit log list and its CSV. */
export type AuditFilter = {
  actor?: string | null;
  action?: string | null;
  outcome?: AuditOutcome | null;
  from?: Date | null;
  to?: Date | null;
};

const toView = (r: AuditRow): AuditEventView => fromRow<AuditEvent, ViewField>(r, VIEW_FIELDS);

/** WHERE clause and values of a filter (organization first). */
export function auditWhere(organizationId: string, filter: AuditFilter): { where: string; values: unknown[] } {
  const values: unknown[] = [organizationId];
  const parts = ['organization_id = $1'];
  const add = (sql: (n: number) => string, value: unknown) => {
    values.push(value);
    parts.push(sql(values.length));
  };
  if (filter.actor)
    add(
      (n) => `actor_label ILIKE '%' || $${n} || '%'`,
      filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  if (filter.action) add((n) => `action = $${n}`, filter.action);
  if (filter.outcome) add((n) => `outcome = $${n}`, filter.outcome);
  if (filter.from) add((n) => `occurred_at >= $${n}`, filter.from);
  if (filter.to) add((n) => `occurred_at < $${n}`, filter.to);
  return { where: parts.join(' AND '), values };
}

const AUDIT_COLUMNS = columnsOf<AuditEvent>(VIEW_FIELDS);

/** The audit log: append and read. There is deliberately no update or delete. */
export function createAuditService(pool: pg.Pool) {
  return {
    /** Appends one event; the actor's label is their email or the token's name at this moment. */
    async record(entry: AuditEntry): Promise<void> {
      const { caller } = entry;
      const actorType: AuditActorType = caller.userId ? 'user' : 'api_token';
      await pool.query(
        `INSERT INTO audit_events (organization_id, actor_type, actor_id, actor_label, client_address, action, target_type, target_id, changes, outcome, error_code)
         VALUES ($1, $2, $3, coalesce((SELECT email FROM users WHERE id = $4), (SELECT name FROM api_tokens WHERE id = $5), 'unknown'),
                 $6, $7, $8, $9, $10, $11, $12)`,
        [
          caller.organizationId,
          actorType,
          caller.userId ?? caller.apiTokenId,
          caller.userId,
          caller.apiTokenId,
          entry.clientAddress,
          entry.action,
          entry.targetType,
          entry.targetId,
          JSON.stringify(entry.changes),
          entry.outcome,
          entry.errorCode,
        ],
      );
    },

    /** Newest first. */
    async list(
      organizationId: string,
      filter: AuditFilter,
      page: { limit: number; offset: number },
    ): Promise<{ total: number; rows: AuditEventView[] }> {
      const { where, values } = auditWhere(organizationId, filter);
      const { rows } = await pool.query<AuditRow & { total: string }>(
        `SELECT ${AUDIT_COLUMNS}, count(*) OVER () AS total FROM audit_events WHERE ${where}
          ORDER BY occurred_at DESC, id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, page.limit, page.offset],
      );
      return { total: rows[0] ? Number(rows[0].total) : 0, rows: rows.map(toView) };
    },

    /** Streams the filtered log, newest first, through `encoder` into `out` (the CSV download); resolves with the row count. */
    stream(organizationId: string, filter: AuditFilter, encoder: RowEncoder, out: Writable): Promise<number> {
      const { where, values } = auditWhere(organizationId, filter);
      const text = `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE ${where} ORDER BY occurred_at DESC, id DESC`;
      return streamRows(pool, { text, values }, encoder, out);
    },
  };
}

/** See {@link createAuditService}. */
export type AuditService = ReturnType<typeof createAuditService>;
