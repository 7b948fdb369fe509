import type { ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { columnsOf, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { isUuid } from '../../database/uuid';
import { ApiError, notFound } from '../../errors';
import type { ProviderAccount } from '../provider-accounts/provider-account.entity';
import type { Workspace } from './workspace.entity';

/** A workspace as the API shows it. `displayName` is the admin's name, else the provider's, else its id. */
export type WorkspaceView = {
  id: string;
  organizationId: string;
  providerAccountId: string;
  provider: ProviderId;
  externalId: string;
  providerName: string | null;
  customName: string | null;
  displayName: string;
  createdAt: Date;
  updatedAt: Date;
};

/** One rename, with who made it (their email, when the user still exists) and when. */
export type WorkspaceNameChangeView = {
  id: string;
  workspaceId: string;
  oldName: string | null;
  newName: string | null;
  changedBy: string | null;
  changedAt: Date;
};

/** The `workspaces` columns the API reads, in select order. */
const WORKSPACE_FIELDS = [
  'id',
  'organizationId',
  'providerAccountId',
  'externalId',
  'providerName',
  'displayName',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Workspace)[];

type Row = RowOf<Workspace, (typeof WORKSPACE_FIELDS)[number]> & RowOf<ProviderAccount, 'provider'>;

const SELECT = `SELECT ${columnsOf<Workspace>(WORKSPACE_FIELDS, {}, 'w')}, a.provider
  FROM workspaces w JOIN provider_accounts a ON a.id = w.provider_account_id AND a.organization_id = w.organization_id`;

const toView = (r: Row): WorkspaceView => ({
  id: r.id,
  organizationId: r.organization_id,
  providerAccountId: r.provider_account_id,
  provider: r.provider,
  externalId: r.external_id,
  providerName: r.provider_name,
  customName: r.display_name,
  displayName: r.display_name ?? r.provider_name ?? r.external_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Checks a display name: 1 to 200 characters after trimming. */
export function checkDisplayName(name: string): string {
  const text = name.trim();
  if (text === '' || text.length > 200)
    throw new ApiError('BAD_USER_INPUT', 'Give the workspace a name of 1 to 200 characters.', { field: 'name' });
  return text;
}

/** Workspace listing, renames with history, and mapping several workspaces to one display name. */
export function createWorkspaceService(pool: pg.Pool) {
  /** Sets the admin's name (null: back to the provider's) and records the change; no entry when nothing changes. */
  async function setName(
    db: Sql,
    organizationId: string,
    id: string,
    name: string | null,
    actor: string | null,
  ): Promise<void> {
    if (!isUuid(id)) throw notFound('Workspace', id);
    const { rows } = await db.query<{ display_name: string | null }>(
      'SELECT display_name FROM workspaces WHERE id = $1 AND organization_id = $2 FOR UPDATE',
      [id, organizationId],
    );
    if (!rows[0]) throw notFound('Workspace', id);
    if (rows[0].display_name === name) return;
    await db.query(
      'UPDATE workspaces SET display_name = $3, updated_at = now() WHERE id = $1 AND organization_id = $2',
      [id, organizationId, name],
    );
    await db.query(
      'INSERT INTO workspace_name_changes (organization_id, workspace_id, old_name, new_name, changed_by) VALUES ($1, $2, $3, $4, $5)',
      [organizationId, id, rows[0].display_name, name, actor],
    );
  }

  const get = async (organizationId: string, id: string): Promise<WorkspaceView | null> => {
    if (!isUuid(id)) return null;
    const { rows } = await pool.query<Row>(`${SELECT} WHERE w.id = $1 AND w.organization_id = $2`, [
      id,
      organizationId,
    ]);
    return rows[0] ? toView(rows[0]) : null;
  };
  const require = async (organizationId: string, id: string) =>
    (await get(organizationId, id)) ?? Promise.reject(notFound('Workspace', id));

  return {
    get,

    /** The organization's workspaces, optionally of one account or with one display name, by display name. */
    async list(
      organizationId: string,
      filter: { providerAccountId?: string; externalId?: string; displayName?: string; search?: string } = {},
    ): Promise<WorkspaceView[]> {
      if (filter.providerAccountId !== undefined && !isUuid(filter.providerAccountId)) return [];
      const { rows } = await pool.query<Row>(
        `${SELECT} WHERE w.organization_id = $1 AND ($2::uuid IS NULL OR w.provider_account_id = $2)
           AND ($3::text IS NULL OR coalesce(w.display_name, w.provider_name, w.external_id) = $3)
           AND ($4::text IS NULL OR coalesce(w.display_name, w.provider_name, w.external_id) ILIKE '%' || $4 || '%' OR w.external_id ILIKE '%' || $4 || '%')
           AND ($5::text IS NULL OR w.external_id = $5)
         ORDER BY coalesce(w.display_name, w.provider_name, w.external_id), a.provider, w.id`,
        [
          organizationId,
          filter.providerAccountId ?? null,
          filter.displayName ?? null,
          filter.search?.replace(/[%_\\]/g, '\\$&') ?? null,
          filter.externalId ?? null,
        ],
      );
      return rows.map(toView);
    },

    async rename(organizationId: string, id: string, name: string, actor: string | null): Promise<WorkspaceView> {
      const text = checkDisplayName(name);
      await withTransaction(pool, (db) => setName(db, organizationId, id, text, actor));
      return require(organizationId, id);
    },

    /** Undoes one change: the workspace gets back the name it had just before it (recorded as a new change). */
    async revert(organizationId: string, changeId: string, actor: string | null): Promise<WorkspaceView> {
      if (!isUuid(changeId)) throw notFound('Name history entry', changeId);
      const { rows } = await pool.query<{ workspace_id: string; old_name: string | null }>(
        'SELECT workspace_id, old_name FROM workspace_name_changes WHERE id = $1 AND organization_id = $2',
        [changeId, organizationId],
      );
      if (!rows[0]) throw notFound('Name history entry', changeId);
      const { workspace_id: workspaceId, old_name: oldName } = rows[0];
      await withTransaction(pool, (db) => setName(db, organizationId, workspaceId, oldName, actor));
      return require(organizationId, workspaceId);
    },

    /** Gives several workspaces (of any providers) one display name, so dashboards combine them. */
    async map(
      organizationId: string,
      ids: readonly string[],
      displayName: string,
      actor: string | null,
    ): Promise<WorkspaceView[]> {
      const text = checkDisplayName(displayName);
      if (ids.length === 0)
        throw new ApiError('BAD_USER_INPUT', 'Choose at least one workspace to map.', { field: 'workspaceIds' });
      const unique = [...new Set(ids)];
      await withTransaction(pool, async (db) => {
        for (const id of unique) await setName(db, organizationId, id, text, actor);
      });
      return Promise.all(unique.map((id) => require(organizationId, id)));
    },

    /** Takes a workspace out of its shared name: it shows the provider's name again. */
    async unmap(organizationId: string, id: string, actor: string | null): Promise<WorkspaceView> {
      await withTransaction(pool, (db) => setName(db, organizationId, id, null, actor));
      return require(organizationId, id);
    },

    /** Every rename of a workspace, newest first. */
    async history(organizationId: string, workspaceId: string): Promise<WorkspaceNameChangeView[]> {
      if (!isUuid(workspaceId)) return [];
      const { rows } = await pool.query<{
        id: string;
        workspace_id: string;
        old_name: string | null;
        new_name: string | null;
        changed_by: string | null;
        changed_at: Date;
      }>(
        `SELECT c.id, c.workspace_id, c.old_name, c.new_name, coalesce(u.email, c.changed_by) AS changed_by, c.changed_at
         FROM workspace_name_changes c LEFT JOIN users u ON u.id::text = c.changed_by AND u.organization_id = c.organization_id
         WHERE c.workspace_id = $1 AND c.organization_id = $2 ORDER BY c.changed_at DESC, c.id`,
        [workspaceId, organizationId],
      );
      return rows.map((r) => ({
        id: r.id,
        workspaceId: r.workspace_id,
        oldName: r.old_name,
        newName: r.new_name,
        changedBy: r.changed_by,
        changedAt: r.changed_at,
      }));
    },
  };
}

/** See {@link createWorkspaceService}. */
export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
