import { Money, type ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { columnsOf, type RowOf } from '../../database/entity-row';
import { badInput, notFound } from '../../errors';
import type { CreditGrant } from './credit-grant.entity';
import { parseCreditGrantInput, type CreditGrantValues } from './credit-grant-input';

/** A stored grant, with the account it belongs to. */
export type CreditGrantRecord = CreditGrantValues & {
  id: string;
  organizationId: string;
  provider: ProviderId;
  accountLabel: string;
  createdAt: Date;
  updatedAt: Date;
};

const FIELDS = [
  'id',
  'organizationId',
  'providerAccountId',
  'name',
  'amount',
  'startsOn',
  'expiresOn',
  'notifyUnderDays',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof CreditGrant)[];
const COLUMNS = columnsOf<CreditGrant>(FIELDS, { amount: 'text', startsOn: 'text', expiresOn: 'text' }, 'g');
type GrantRow = RowOf<CreditGrant, (typeof FIELDS)[number]> & { provider: ProviderId; account_label: string };
const SELECT = `SELECT ${COLUMNS}, a.provider, a.label AS account_label
  FROM credit_grants g JOIN provider_accounts a ON a.id = g.provider_account_id`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fromRow(row: GrantRow): CreditGrantRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    providerAccountId: row.provider_account_id,
    name: row.name,
    amount: new Money(row.amount),
    startsOn: row.starts_on,
    expiresOn: row.expires_on,
    notifyUnderDays: row.notify_under_days,
    provider: row.provider,
    accountLabel: row.account_label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Credit grants admins enter; checked input in, nothing saved when any field is wrong. */
export type CreditGrantService = ReturnType<typeof createCreditGrantService>;

/** Creates the grant service over the pool. */
export function createCreditGrantService(pool: pg.Pool) {
  async function get(organizationId: string, id: string): Promise<CreditGrantRecord | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await pool.query<GrantRow>(`${SELECT} WHERE g.organization_id = $1 AND g.id = $2::uuid`, [
      organizationId,
      id,
    ]);
    return rows[0] ? fromRow(rows[0]) : null;
  }
  async function require(organizationId: string, id: string): Promise<CreditGrantRecord> {
    const grant = await get(organizationId, id);
    if (!grant) throw notFound('Credit grant', id);
    return grant;
  }
  async function checkAccount(organizationId: string, accountId: string): Promise<void> {
    const { rows } = await pool.query('SELECT 1 FROM provider_accounts WHERE organization_id = $1 AND id = $2::uuid', [
      organizationId,
      accountId,
    ]);
    if (rows.length === 0) throw badInput('providerAccountId', `There is no provider account ${accountId}.`);
  }
  const values = (v: CreditGrantValues) => [
    v.providerAccountId,
    v.name,
    v.amount.toFixed(),
    v.startsOn,
    v.expiresOn,
    v.notifyUnderDays,
  ];
  return {
    get,
    require,
    async list(organizationId: string): Promise<CreditGrantRecord[]> {
      const { rows } = await pool.query<GrantRow>(`${SELECT} WHERE g.organization_id = $1 ORDER BY g.name, g.id`, [
        organizationId,
      ]);
      return rows.map(fromRow);
    },
    async create(organizationId: string, input: unknown): Promise<CreditGrantRecord> {
      const v = parseCreditGrantInput(input);
      await checkAccount(organizationId, v.providerAccountId);
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO credit_grants (organization_id, provider_account_id, name, amount, starts_on,
          expires_on, notify_under_days)
         VALUES ($1, $2::uuid, $3, $4::numeric, $5::date, $6::date, $7) RETURNING id`,
        [organizationId, ...values(v)],
      );
      return require(organizationId, rows[0]!.id);
    },
    async update(organizationId: string, id: string, input: unknown): Promise<CreditGrantRecord> {
      await require(organizationId, id);
      const v = parseCreditGrantInput(input);
      await checkAccount(organizationId, v.providerAccountId);
      await pool.query(
        `UPDATE credit_grants SET provider_account_id = $3::uuid, name = $4, amount = $5::numeric, starts_on
          = $6::date, expires_on = $7::date,
           notify_under_days = $8, updated_at = now()
         WHERE organization_id = $1 AND id = $2::uuid`,
        [organizationId, id, ...values(v)],
      );
      return require(organizationId, id);
    },
    async delete(organizationId: string, id: string): Promise<boolean> {
      await require(organizationId, id);
      await pool.query('DELETE FROM credit_grants WHERE organization_id = $1 AND id = $2::uuid', [organizationId, id]);
      // The grant's crossing state goes with it, so a grant entered again starts fresh.
      await pool.query('DELETE FROM runway_alert_states WHERE organization_id = $1 AND subject = $2', [
        organizationId,
        `grant:${id}`,
      ]);
      return true;
    },
  };
}
