import { Router, type Request } from 'express';
import type { Caller } from '../auth/caller';
import { csvCell } from '../exports/csv-cell';
import { csvLine } from '../exports/csv-line';
import type { RowEncoder } from '../exports/write-dashboard-csv';
import type { AuditFilter, AuditRow, AuditService } from './audit.service';
import { AUDIT_OUTCOMES, type AuditOutcome } from './audit-event.entity';

const HEAD = [
  'occurred_at',
  'actor_type',
  'actor',
  'actor_id',
  'client_address',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'error_code',
  'changes',
];

const ENCODER: RowEncoder = {
  head: csvLine(HEAD),
  line: (raw) => {
    const r = raw as AuditRow;
    return csvLine([
      csvCell(r.occurred_at.toISOString()),
      csvCell(r.actor_type),
      csvCell(r.actor_label),
      csvCell(r.actor_id),
      csvCell(r.client_address),
      csvCell(r.action),
      csvCell(r.target_type),
      csvCell(r.target_id),
      csvCell(r.outcome),
      csvCell(r.error_code),
      csvCell(JSON.stringify(r.changes)),
    ]);
  },
};

const instant = (value: unknown, name: string): Date | undefined => {
  if (value === undefined || value === '') return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${name} must be a date-time such as 2026-12-01T00:00:00Z`);
  return date;
};

/** The audit filter of a query string (`actor`, `action`, `outcome`, `from`, `to`). */
function parseAuditQuery(query: Record<string, unknown>): AuditFilter {
  const text = (name: string) =>
    typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined;
  const outcome = text('outcome');
  if (outcome !== undefined && !AUDIT_OUTCOMES.includes(outcome as AuditOutcome))
    throw new RangeError('outcome must be succeeded or failed');
  return {
    actor: text('actor'),
    action: text('action'),
    outcome: outcome as AuditOutcome | undefined,
    from: instant(query.from, 'from'),
    to: instant(query.to, 'to'),
  };
}

/**
 * `GET /export/audit.csv`: the audit log, newest first, with the list's filters. Admins only
 * (viewers and API tokens get 403): the log names people and addresses.
 */
export function createAuditExportRouter(
  audit: Pick<AuditService, 'stream'>,
  callerOf: (req: Request) => Promise<Caller | null>,
): Router {
  const router = Router();
  router.get('/export/audit.csv', async (req, res, next) => {
    const caller = await callerOf(req).catch(() => null);
    if (!caller)
      return void res
        .status(401)
        .json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to export the audit log.' } });
    if (caller.role !== 'admin' || !caller.userId) {
      return void res
        .status(403)
        .json({ error: { code: 'FORBIDDEN', message: 'Only admins can read the audit log.' } });
    }
    let filter: AuditFilter;
    try {
      filter = parseAuditQuery(req.query as Record<string, unknown>);
    } catch (error) {
      return void res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: (error as Error).message } });
    }
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit.csv"',
      'Cache-Control': 'no-store',
    });
    try {
      await audit.stream(caller.organizationId, filter, ENCODER, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      res.destroy();
    }
  });
  return router;
}
