import type { GetListParams } from 'react-admin';
import {
  CREATE_CREDIT_GRANT,
  CREDIT_GRANT,
  CREDIT_GRANTS,
  DELETE_CREDIT_GRANT,
  UPDATE_CREDIT_GRANT,
  type CreditGrantRecord,
} from '../resources/runway/runway-documents';
import { ApiRequestError } from './errors';

type Gql = <T>(document: string, variables?: Record<string, unknown>) => Promise<T>;
type Sorter = <T extends { id: string }>(
  rows: T[],
  params: Pick<GetListParams, 'sort' | 'pagination'>,
) => { data: T[]; total: number };

/** What the Grants form sends (dates as YYYY-MM-DD, the amount as decimal text). */
export function grantInput(data: Record<string, unknown>): Record<string, unknown> {
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
  const days = data.notifyUnderDays;
  return {
    name: String(data.name ?? ''),
    amount: String(data.amount ?? '').trim(),
    startsOn: text(data.startsOn),
    expiresOn: text(data.expiresOn),
    providerAccountId: String(data.providerAccountId ?? ''),
    notifyUnderDays: days === undefined || days === null || days === '' ? null : Number(days),
  };
}

/** The `credit-grants` resource: every grant at once (an organization has few), sorted and paged here. */
export function createCreditGrantMethods(gql: Gql, sortAndPage: Sorter) {
  async function getOne(id: string): Promise<CreditGrantRecord> {
    const grant = (await gql<{ spendsyncCreditGrant: CreditGrantRecord | null }>(CREDIT_GRANT, { id }))
      .spendsyncCreditGrant;
    if (!grant) throw new ApiRequestError(`Credit grant ${id} was not found.`, 'NOT_FOUND');
    return grant;
  }
  const list = async () =>
    (await gql<{ spendsyncCreditGrants: CreditGrantRecord[] }>(CREDIT_GRANTS)).spendsyncCreditGrants;
  return {
    getList: async (params: GetListParams) => sortAndPage(await list(), params),
    getOne,
    getMany: async (ids: readonly unknown[]) => (await list()).filter((g) => ids.map(String).includes(g.id)),
    create: async (data: Record<string, unknown>) =>
      (await gql<{ spendsyncCreateCreditGrant: CreditGrantRecord }>(CREATE_CREDIT_GRANT, { input: grantInput(data) }))
        .spendsyncCreateCreditGrant,
    update: async (id: string, data: Record<string, unknown>) =>
      (
        await gql<{ spendsyncUpdateCreditGrant: CreditGrantRecord }>(UPDATE_CREDIT_GRANT, {
          id,
          input: grantInput(data),
        })
      ).spendsyncUpdateCreditGrant,
    delete: async (id: string) => {
      await gql<{ spendsyncDeleteCreditGrant: boolean }>(DELETE_CREDIT_GRANT, { id });
    },
  };
}
