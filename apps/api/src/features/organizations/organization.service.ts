import type pg from 'pg';
import type { Sql } from '../../database/pg-pool';

/** An organization as the API shows it. */
export type OrganizationView = { id: string; name: string; createdAt: Date };

/** Organizations: the tenants. Callers only ever see their own. */
export function createOrganizationService(pool: pg.Pool) {
  return {
    async get(id: string): Promise<OrganizationView | null> {
      const { rows } = await pool.query<{ id: string; name: string; created_at: Date }>('SELECT id, name, created_at FROM organizations WHERE id = $1', [id]);
      return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at } : null;
    },

    async create(name: string, db: Sql = pool): Promise<OrganizationView> {
      const { rows } = await db.query<{ id: string; name: string; created_at: Date }>('INSERT INTO organizations (name) VALUES ($1) RETURNING id, name, created_at', [name]);
      return { id: rows[0]!.id, name: rows[0]!.name, createdAt: rows[0]!.created_at };
    },
  };
}

/** See {@link createOrganizationService}. */
export type OrganizationService = ReturnType<typeof createOrganizationService>;
