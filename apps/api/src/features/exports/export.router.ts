import { dayOf } from '@spendsync/domain';
import { Router, type Request, type Response } from 'express';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '../../database/pg-pool';
import { DashboardInputError } from '../dashboards/dashboard-sql';
import { CSV_EXPORTS, type CsvExportName } from './export-definitions';
import { parseExportQuery } from './export-query';
import { writeDashboardCsv } from './write-dashboard-csv';

/** What the CSV routes need from the application. */
export type ExportRouterOptions = {
  /** The database (an initialized data source, or its `pg` pool). */
  database: DataSource | pg.Pool;
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
};

const sendError = (res: Response, status: number, code: string, message: string, field?: string) =>
  res.status(status).json({ error: { code, message, ...(field ? { field } : {}) } });

/**
 * `GET /export/{providers|models|api-keys|workspaces}.csv`: a dashboard as CSV with the same
 * filter and sort as the query (query-string encoding: see `parseExportQuery`), scoped to the
 * caller's organization and streamed with constant memory.
 */
export function createExportRouter(options: ExportRouterOptions): Router {
  const router = Router();
  const pool = () => (options.database instanceof DataSource ? pgPoolOf(options.database) : options.database);
  const now = options.now ?? (() => new Date());
  for (const name of Object.keys(CSV_EXPORTS) as CsvExportName[]) {
    router.get(`/export/${name}.csv`, async (req, res, next) => {
      let organizationId: string | null;
      try {
        organizationId = await options.resolveOrganization(req);
      } catch (error) {
        return next(error);
      }
      if (!organizationId) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in, or send an API token, to export data.');
      let filter;
      try {
        filter = parseExportQuery(req.query as Record<string, unknown>);
        CSV_EXPORTS[name].build(organizationId, filter, dayOf(now())); // checks the sort field before any byte is sent
      } catch (error) {
        if (error instanceof DashboardInputError) return sendError(res, 400, 'BAD_USER_INPUT', error.message, error.field);
        return next(error);
      }
      const today = dayOf(now());
      res.status(200).set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}-${today}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      try {
        await writeDashboardCsv(pool(), CSV_EXPORTS[name], organizationId, filter, today, res);
      } catch (error) {
        options.onStreamError?.(error);
        if (!res.headersSent) return next(error);
        res.destroy();
      }
    });
  }
  return router;
}
