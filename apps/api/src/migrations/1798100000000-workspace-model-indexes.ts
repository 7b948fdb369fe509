import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['cost_rollup_workspace_models', 'cost_rollup_workspace_models_monthly'] as const;

/**
 * Indexes for a workspace filter on the workspace × model rollup (issue 19), which the Models
 * dashboard reads under one: `workspacePrefilter` (dashboard-query.ts) keeps a row whose workspace
 * id is one of the named workspaces' or whose record name is a name given, and with an index on
 * each arm PostgreSQL reads the two through a BitmapOr instead of every row of the window (a year
 * of one of 400 workspaces at 10 M records read about 575,000 daily and monthly rows to keep
 * 7,500). Organization first, as every dashboard query is tenant-scoped.
 */
export class WorkspaceModelIndexes1798100000000 implements MigrationInterface {
  name = 'WorkspaceModelIndexes1798100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`CREATE INDEX ${table}_workspace_idx ON ${table} (organization_id, workspace_external_id, day)`);
      await q.query(`CREATE INDEX ${table}_workspace_name_idx ON ${table} (organization_id, workspace_name, day)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP INDEX ${table}_workspace_name_idx`);
      await q.query(`DROP INDEX ${table}_workspace_idx`);
    }
  }
}
