import type pg from 'pg';
import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import type { Organization } from './organization.entity';

const VIEW_FIELDS = ['id', 'name', 'createdAt'] as const satisfies readonly (keyof Organization)[];
type ViewField = (typeof VIEW_FIELDS)[number];

/** An organization as the API shows it. */
export type OrganizationView = Pick<Organization, ViewField>;

type Row = RowOf<Organization, ViewField>;

const COLUMNS = columnsOf<Organization>(VIEW_FIELDS);

const toView = (r: Row): OrganizationView => fromRow<Organization, ViewField>(r, VIEW_FIELDS);

/** Organizations: the tenants. Callers only ever see their own. */
export function createOrganizationService(pool: pg.Pool) {
  return {
    async get(id: string): Promise<OrganizationView | null> {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM organizations WHERE id = $1`, [id]);
      return rows[0] ? toView(rows[0]) : null;
    },

    /** Whether members may sign in with a password (false: single sign-on only). */
    async isPasswordSignInEnabled(id: string): Promise<boolean> {
      const { rows } = await pool.query<{ enabled: boolean }>(
        'SELECT password_sign_in_enabled AS enabled FROM organizations WHERE id = $1',
        [id],
      );
      return rows[0]?.enabled ?? true;
    },

    /** Turns password sign-in on or off (the caller checks that single sign-on works first). */
    async setPasswordSignIn(id: string, enabled: boolean): Promise<void> {
      await pool.query('UPDATE organizations SET password_sign_in_enabled = $2 WHERE id = $1', [id, enabled]);
    },

    /** The installation's organization when there is exactly one (single sign-on's default); else null. */
    async soleId(): Promise<string | null> {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM organizations LIMIT 2');
      return rows.length === 1 ? rows[0]!.id : null;
    },

    async create(name: string, db: Sql = pool): Promise<OrganizationView> {
      const { rows } = await db.query<Row>(`INSERT INTO organizations (name) VALUES ($1) RETURNING ${COLUMNS}`, [name]);
      return toView(rows[0]!);
    },
  };
}

/** See {@link createOrganizationService}. */
export type OrganizationService = ReturnType<typeof createOrganizationService>;
