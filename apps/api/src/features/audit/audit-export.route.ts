import { Router } from 'express';
import type pg from 'pg';
import type { Caller } from '../auth/caller';
import { csvCell } from '../exports/csv-cell';
import { csvLine } from '../exports/csv-line';
import { streamRows, type RowEncoder } from '../exports/write-dashboard-csv';
import { AUDIT_COLUMNS, auditWhere, type AuditFilter } from './audit.service';
import { AUDIT_OUTCOMES, type AuditOutcome } from './audit-event.entity';

const HEAD = ['occurred_at', 'actor_type', 'actor', 'actor_id', 'client_address', 'action', 'target_type', 'target_id', 'outcome', 'error_code', 'changes'];

const ENCODER: RowEncoder = {
  head: csvLine(HEAD),
  line: (raw) => csvLine([
    csvCell((raw.occurred_at as Date).toISOString()), csvCell(raw.actor_type as string), csvCell(raw.actor_label as string),
    csvCell(raw.actor_id as string | null), csvCell(raw.client_address as string), csvCell(raw.action as string),
    csvCell(raw.target_type as string | null), csvCell(raw.target_id as string | null), csvCell(raw.outcome as string),
    csvCell(raw.error_code as string | null), csvCell(JSON.stringify(raw.changes)),
  ]),
};

const instant = (value: unknown, name: string): Date | undefined => {
  if (value === undefined || value === '') return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${name} must be a date-time such as 2026-12-01T00:00:00Z`);
  return date;
};

/** The audit filter of a query string (`actor`, `action`, `outcome`, `from`, `to`). */
function parseAuditQuery(query: Record<string, unknown>): AuditFilter {
  const text = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined);
  const outcome = text('outcome');
  if (outcome !== undefined && !AUDIT_OUTCOMES.includes(outcome as AuditOutcome)) throw new RangeError('outcome must be succeeded or failed');
  return { actor: text('actor'), action: text('action'), outcome: outcome as AuditOutcome | undefined, from: instant(query.from, 'from'), to: instant(query.to, 'to') };
}

/**
 * `GET /export/audit.csv`: the audit log, newest first, with the list's filters. Admins only
 * (viewers and API tokens get 403): the log names people and addresses.
 */
export function createAuditExportRouter(pool: () => pg.Pool, callerOf: (authorization: unknown) => Promise<Caller | null>): Router {
  const router = Router();
  router.get('/export/audit.csv', async (req, res, next) => {
    const caller = await callerOf(req.headers.authorization).catch(() => null);
    if (!caller) return void res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to export the audit log.' } });
    if (caller.role !== 'admin' || !caller.userId) {
      return void res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Only admins can read the audit log.' } });
    }
    let filter: AuditFilter;
    try {
      filter = parseAuditQuery(req.query as Record<string, unknown>);
    } catch (error) {
      return void res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: (error as Error).message } });
    }
    const { where, values } = auditWhere(caller.organizationId, filter);
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audit.csv"', 'Cache-Control': 'no-store',
    });
    try {
      await streamRows(pool(), { text: `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE ${where} ORDER BY occurred_at DESC, id DESC`, values }, ENCODER, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      res.destroy();
    }
  });
  return router;
}
