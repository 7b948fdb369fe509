import type pg from 'pg';
import type { Caller } from '../auth/caller';
import type { AuditActorType, AuditOutcome } from './audit-event.entity';

/** A change to record. */
export type AuditEntry = {
  caller: Caller; clientAddress: string; action: string; targetType: string | null; targetId: string | null;
  changes: Record<string, unknown>; outcome: AuditOutcome; errorCode: string | null;
};

/** An audit event as the API shows it. */
export type AuditEventView = {
  id: string; occurredAt: Date; actorType: AuditActorType; actorId: string | null; actorLabel: string; clientAddress: string;
  action: string; targetType: string | null; targetId: string | null; changes: Record<string, unknown>; outcome: AuditOutcome;
  errorCode: string | null;
};

/** Filters of the audit log list and its CSV. */
export type AuditFilter = {
  actor?: string | null; action?: string | null; outcome?: AuditOutcome | null; from?: Date | null; to?: Date | null;
};

type Row = {
  id: string; occurred_at: Date; actor_type: AuditActorType; actor_id: string | null; actor_label: string; client_address: string;
  action: string; target_type: string | null; target_id: string | null; changes: Record<string, unknown>; outcome: AuditOutcome;
  error_code: string | null;
};

const toView = (r: Row): AuditEventView => ({
  id: r.id, occurredAt: r.occurred_at, actorType: r.actor_type, actorId: r.actor_id, actorLabel: r.actor_label, clientAddress: r.client_address,
  action: r.action, targetType: r.target_type, targetId: r.target_id, changes: r.changes, outcome: r.outcome, errorCode: r.error_code,
});

/** WHERE clause and values of a filter (organization first). */
export function auditWhere(organizationId: string, filter: AuditFilter): { where: string; values: unknown[] } {
  const values: unknown[] = [organizationId];
  const parts = ['organization_id = $1'];
  const add = (sql: (n: number) => string, value: unknown) => {
    values.push(value);
    parts.push(sql(values.length));
  };
  if (filter.actor) add((n) => `actor_label ILIKE '%' || $${n} || '%'`, filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`));
  if (filter.action) add((n) => `action = $${n}`, filter.action);
  if (filter.outcome) add((n) => `outcome = $${n}`, filter.outcome);
  if (filter.from) add((n) => `occurred_at >= $${n}`, filter.from);
  if (filter.to) add((n) => `occurred_at < $${n}`, filter.to);
  return { where: parts.join(' AND '), values };
}

export const AUDIT_COLUMNS = 'id, occurred_at, actor_type, actor_id, actor_label, client_address, action, target_type, target_id, changes, outcome, error_code';

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
        [caller.organizationId, actorType, caller.userId ?? caller.apiTokenId, caller.userId, caller.apiTokenId, entry.clientAddress,
          entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.changes), entry.outcome, entry.errorCode],
      );
    },

    /** Newest first. */
    async list(organizationId: string, filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ total: number; rows: AuditEventView[] }> {
      const { where, values } = auditWhere(organizationId, filter);
      const { rows } = await pool.query<Row & { total: string }>(
        `SELECT ${AUDIT_COLUMNS}, count(*) OVER () AS total FROM audit_events WHERE ${where}
          ORDER BY occurred_at DESC, id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, page.limit, page.offset],
      );
      return { total: rows[0] ? Number(rows[0].total) : 0, rows: rows.map(toView) };
    },
  };
}

/** See {@link createAuditService}. */
export type AuditService = ReturnType<typeof createAuditService>;
