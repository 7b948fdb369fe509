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

    async create(name: string, db: Sql = pool): Promise<OrganizationView> {
      const { rows } = await db.query<Row>(`INSERT INTO organizations (name) VALUES ($1) RETURNING ${COLUMNS}`, [name]);
      return toView(rows[0]!);
    },
  };
}

/** See {@link createOrganizationService}. */
export type OrganizationService = ReturnType<typeof createOrganizationService>;
