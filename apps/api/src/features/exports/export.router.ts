import { createHash } from 'node:crypto';
import { dayOf, type Day } from '@spendsync/domain';
import { Router, type Request, type Response } from 'express';
import type { DashboardFilter } from '../dashboards/dashboard-filter';
import { allRowsStatement, type SqlStatement } from '../dashboards/dashboard-db';
import { DashboardInputError } from '../dashboards/dashboard-query';
import { requestCredential } from '../auth/session-cookie';
import { CSV_EXPORTS, type CsvExportName } from './export-definitions';
import type { ExportService } from './export.service';
import { parseExportQuery } from './export-query';
import { FOCUS_VERSION } from './focus-columns';
import { FOCUS_ENCODERS } from './focus-format';
import { buildFocusQuery } from './focus-query';
import { dashboardCsvEncoder, type RowEncoder } from './write-dashboard-csv';

/** What the CSV routes need from the application. */
export type ExportRouterOptions = {
  /** Streams the planned statements' rows (services.exports). */
  exports: ExportService;
  /**
   * The caller's organization id, from the same authentication as the API (session or API
   * token); null when the request is not authenticated (answered 401). Throwing passes the
   * error to Express's error handling.
   */
  resolveOrganization(req: Request): Promise<string | null> | string | null;
  /** The clock that presets such as `last_30_days` count from (default: the system clock). */
  now?: () => Date;
  /** Told about failures after the download started (the response is then cut off). */
  onStreamError?: (error: unknown) => void;
  /** Downloads one credential may run at once, and how long a reader may stall (default DEFAULT_EXPORT_LIMITS). */
  limits?: ExportLimits;
};

/** Bounds on the downloads, which each hold a database connection while they stream. */
export type ExportLimits = { perCaller: number; sendTimeoutMs: number };

/**
 * Two downloads at once per credential; a reader that takes nothing for 60 s is cut off, so
 * slow or stalled clients cannot hold the pool's connections (and starve `/healthz` and the API).
 */
export const DEFAULT_EXPORT_LIMITS: ExportLimits = { perCaller: 2, sendTimeoutMs: 60_000 };

const sendError = (res: Response, status: number, code: string, message: string, field?: string) =>
  res.status(status).json({ error: { code, message, ...(field ? { field } : {}) } });

/** One download: its statement, how rows become text, and its content type and file name. */
type ExportPlan = {
  statement: SqlStatement;
  encoder: RowEncoder;
  contentType: string;
  filename: string;
  headers?: Record<string, string>;
};

/** The FOCUS downloads name the spec version they follow (FOCUS metadata calls it FocusVersion). */
const FOCUS_HEADERS = { 'X-Focus-Version': FOCUS_VERSION };

const CSV_TYPE = 'text/csv; charset=utf-8';

/** The dashboards (`/export/<name>.csv`) and FOCUS (`/export/focus.csv`, `.jsonl`) downloads, by path. */
const PLANS: Readonly<Record<string, (organizationId: string, filter: DashboardFilter, today: Day) => ExportPlan>> = {
  ...Object.fromEntries(
    (Object.keys(CSV_EXPORTS) as CsvExportName[]).map((name) => [
      `/export/${name}.csv`,
      (org: string, filter: DashboardFilter, today: Day) => {
        const definition = CSV_EXPORTS[name];
        return {
          statement: allRowsStatement(definition.build(org, filter, today)),
          encoder: dashboardCsvEncoder(definition),
          contentType: CSV_TYPE,
          filename: `${name}-${today}.csv`,
        };
      },
    ]),
  ),
  '/export/focus.csv': (org, filter, today) => ({
    statement: allRowsStatement(buildFocusQuery(org, filter, today)),
    encoder: FOCUS_ENCODERS.csv,
    contentType: CSV_TYPE,
    filename: `focus-${today}.csv`,
    headers: FOCUS_HEADERS,
  }),
  '/export/focus.jsonl': (org, filter, today) => ({
    statement: allRowsStatement(buildFocusQuery(org, filter, today)),
    encoder: FOCUS_ENCODERS.jsonl,
    contentType: 'application/jsonl; charset=utf-8',
    filename: `focus-${today}.jsonl`,
    headers: FOCUS_HEADERS,
  }),
};

/**
 * `GET /export/{providers|models|api-keys|workspaces}.csv`: a dashboard as CSV with the same
 * filter and sort as the query; `GET /export/focus.{csv,jsonl}`: every cost record of the
 * period as FOCUS 1.3 rows (see focus-columns.ts). Query-string encoding: see
 * `parseExportQuery`. Scoped to the caller's organization and streamed with constant memory.
 */
export function createExportRouter(options: ExportRouterOptions): Router {
  const router = Router();
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? DEFAULT_EXPORT_LIMITS;
  const running = new Map<string, number>();
  // Per credential, never the credential itself: a hash of the Authorization value (or session cookie).
  const callerKey = (req: Request) =>
    createHash('sha256')
      .update(requestCredential(req)?.authorization ?? '')
      .digest('hex');
  for (const [path, planFor] of Object.entries(PLANS)) {
    router.get(path, async (req, res, next) => {
      let organizationId: string | null;
      try {
        organizationId = await options.resolveOrganization(req);
      } catch (error) {
        return next(error);
      }
      if (!organizationId)
        return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in, or send an API token, to export data.');
      const today = dayOf(now());
      let plan: ExportPlan;
      let filter: ReturnType<typeof parseExportQuery>;
      try {
        // Building the statement checks the filter and sort field before any byte is sent.
        filter = parseExportQuery(req.query as Record<string, unknown>);
        // planned again with the workspace lookup, in the rows' snapshot (streamByWorkspaceNames)
        plan = planFor(organizationId, { ...filter, workspaceNamesDiffer: false }, today);
      } catch (error) {
        if (error instanceof DashboardInputError)
          return sendError(res, 400, 'BAD_USER_INPUT', error.message, error.field);
        return next(error);
      }
      res.status(200).set({
        'Content-Type': plan.contentType,
        'Content-Disposition': `attachment; filename="${plan.filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...plan.headers,
      });
      const key = callerKey(req);
      if ((running.get(key) ?? 0) >= limits.perCaller) {
        res.removeHeader('Content-Disposition');
        return sendError(
          res.set('Retry-After', '10'),
          429,
          'RATE_LIMITED',
          `At most ${limits.perCaller} downloads may run at once per sign-in or token; wait for one to finish.`,
        );
      }
      running.set(key, (running.get(key) ?? 0) + 1);
      // A reader that takes nothing for this long is cut off; the cursor's connection goes back to the pool.
      res.setTimeout(limits.sendTimeoutMs, () =>
        res.destroy(new Error(`The reader took nothing for ${limits.sendTimeoutMs} ms`)),
      );
      try {
        const { workspaces } = filter;
        await (workspaces.length > 0
          ? options.exports.streamByWorkspaceNames(
              organizationId,
              workspaces,
              (differ) => planFor(organizationId!, { ...filter, workspaceNamesDiffer: differ }, today).statement,
              plan.encoder,
              res,
            )
          : options.exports.stream(plan.statement, plan.encoder, res));
      } catch (error) {
        options.onStreamError?.(error);
        if (!res.headersSent) return next(error);
        res.destroy();
      } finally {
        const left = (running.get(key) ?? 1) - 1;
        if (left > 0) running.set(key, left);
        else running.delete(key);
      }
    });
  }
  return router;
}
