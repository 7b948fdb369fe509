import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import {
  LINK_PROVIDER,
  PROVIDER_ACCOUNT,
  PROVIDER_ACCOUNTS,
  PROVIDERS,
  REFRESH_PROVIDER,
  SYNC_LOG_LINES,
  SYNC_RUN,
  SYNC_RUNS,
  UNLINK_PROVIDER,
  UPDATE_PROVIDER_CREDENTIALS,
} from './documents';
import { createCreditGrantMethods } from './credit-grant-methods';
import { ApiRequestError } from './errors';
import type { GraphqlTransport } from './graphql';
import type {
  CredentialVerification,
  ProviderAccountRecord,
  ProviderInfo,
  SyncLogLine,
  SyncRunRecord,
} from './records';

/** The resources the data provider serves. */
export const RESOURCES = {
  providerAccounts: 'provider-accounts',
  syncRuns: 'sync-runs',
  providers: 'providers',
  creditGrants: 'credit-grants',
} as const;

/** What linking a provider (`create` on provider-accounts) sends. */
export type LinkProviderData = { provider: string; label: string; credentials: unknown; endpoint?: string | null };

/** What re-keying (`update` on provider-accounts) sends. */
export type UpdateCredentialsData = { credentials: unknown; endpoint?: string | null; label?: string };

/**
 * react-admin's DataProvider over our schema, plus the calls that are not CRUD. Screens reach
 * it with `useDataProvider<SpendsyncDataProvider>()` and cache through react-query.
 */
export type SpendsyncDataProvider = DataProvider & {
  /** Any query or mutation (the Overview's dashboards); errors are ApiRequestErrors. */
  graphql<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  getProviders(): Promise<ProviderInfo[]>;
  /** "Refresh Data": the run started, or the one already running. */
  refreshProvider(id: string): Promise<{ run: SyncRunRecord; alreadyRunning: boolean }>;
  /** Every log line of a run after `afterId` (all pages). */
  getSyncLogLines(runId: string, afterId?: string | null): Promise<SyncLogLine[]>;
};

type DashboardMoney = {
  providerAccountId: string;
  spend: string;
  credits: string | null;
  net: string | null;
  coverage: string | null;
};
type AccountsData = {
  providerAccounts: Omit<ProviderAccountRecord, 'spend' | 'credits' | 'net' | 'coverage'>[];
  providerDashboard: { rows: DashboardMoney[] };
};
type AccountData = Omit<ProviderAccountRecord, 'spend' | 'credits' | 'net' | 'coverage'>;

const LOG_PAGE = 500;
const RUNS_MAX = 500;

function withSpend(account: AccountData, money?: DashboardMoney): ProviderAccountRecord {
  return {
    ...account,
    spend: money?.spend ?? null,
    credits: money?.credits ?? null,
    net: money?.net ?? null,
    coverage: money?.coverage ?? null,
  };
}

/** Compares two field values for client-side sorting (strings as text, decimal strings and numbers as numbers). */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const [x, y] = [Number(a), Number(b)];
  if (!Number.isNaN(x) && !Number.isNaN(y) && typeof a !== 'boolean') return x - y;
  return String(a).localeCompare(String(b));
}

/** Sorts and pages a list held in full (the API returns every account at once). */
export function sortAndPage<T extends RaRecord>(
  rows: T[],
  params: Pick<GetListParams, 'sort' | 'pagination'>,
): { data: T[]; total: number } {
  const sorted = [...rows];
  const { field, order } = params.sort ?? { field: '', order: 'ASC' };
  if (field) sorted.sort((a, b) => compareValues(a[field], b[field]) * (order === 'DESC' ? -1 : 1));
  const { page, perPage } = params.pagination ?? { page: 1, perPage: sorted.length };
  return { data: sorted.slice((page - 1) * perPage, page * perPage), total: rows.length };
}

function unsupported(resource: string, method: string): never {
  throw new ApiRequestError(`${method} is not available for ${resource}.`, 'BAD_USER_INPUT');
}

/** Builds the data provider on a transport (see {@link SpendsyncDataProvider}). */
export function createDataProvider(transport: GraphqlTransport): SpendsyncDataProvider {
  const gql = transport.request.bind(transport);

  async function listAccounts(filter: Record<string, unknown> = {}): Promise<ProviderAccountRecord[]> {
    const data = await gql<AccountsData>(PROVIDER_ACCOUNTS, {
      status: filter.status ?? null,
      provider: filter.provider ?? null,
    });
    const money = new Map(data.providerDashboard.rows.map((row) => [row.providerAccountId, row]));
    return data.providerAccounts.map((account) => withSpend(account, money.get(account.id)));
  }

  async function getAccount(id: string): Promise<ProviderAccountRecord> {
    const data = await gql<{ providerAccount: AccountData | null }>(PROVIDER_ACCOUNT, { id });
    if (!data.providerAccount) throw new ApiRequestError(`Provider account ${id} was not found.`, 'NOT_FOUND');
    return withSpend(data.providerAccount);
  }

  /** Runs newest first: one account's, or every account's when the filter names none; by status and trigger. */
  async function listRuns(
    filter: Record<string, unknown>,
    page: number,
    perPage: number,
  ): Promise<{ data: SyncRunRecord[]; total: number }> {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    const limit = Math.min(perPage, RUNS_MAX);
    const data = await gql<{ syncRuns: { total: number; items: SyncRunRecord[] } }>(SYNC_RUNS, {
      providerAccountId: text(filter.providerAccountId),
      status: text(filter.status),
      trigger: text(filter.trigger),
      offset: (page - 1) * limit,
      limit,
    });
    return { data: data.syncRuns.items, total: data.syncRuns.total };
  }

  async function getRun(id: string): Promise<SyncRunRecord> {
    const data = await gql<{ syncRun: SyncRunRecord | null }>(SYNC_RUN, { id });
    if (!data.syncRun) throw new ApiRequestError(`Sync run ${id} was not found.`, 'NOT_FOUND');
    return data.syncRun;
  }

  async function getProviders(): Promise<ProviderInfo[]> {
    return (await gql<{ providers: ProviderInfo[] }>(PROVIDERS)).providers;
  }

  const grants = createCreditGrantMethods(gql, sortAndPage);

  const provider: SpendsyncDataProvider = {
    async getList(resource, params) {
      if (resource === RESOURCES.providerAccounts)
        return sortAndPage(await listAccounts(params.filter), params) as never;
      if (resource === RESOURCES.creditGrants) return (await grants.getList(params)) as never;
      if (resource === RESOURCES.providers) return sortAndPage(await getProviders(), params) as never;
      if (resource === RESOURCES.syncRuns) {
        const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
        return listRuns(params.filter ?? {}, page, perPage) as never;
      }
      return unsupported(resource, 'getList');
    },
    async getOne(resource, params) {
      const id = String(params.id);
      if (resource === RESOURCES.providerAccounts) return { data: (await getAccount(id)) as never };
      if (resource === RESOURCES.creditGrants) return { data: (await grants.getOne(id)) as never };
      if (resource === RESOURCES.syncRuns) return { data: (await getRun(id)) as never };
      if (resource === RESOURCES.providers) {
        const found = (await getProviders()).find((p) => p.id === id);
        if (!found) throw new ApiRequestError(`Provider ${id} is unknown.`, 'NOT_FOUND');
        return { data: found as never };
      }
      return unsupported(resource, 'getOne');
    },
    async getMany(resource, params) {
      const ids = new Set(params.ids.map(String));
      if (resource === RESOURCES.providerAccounts)
        return { data: (await listAccounts()).filter((a) => ids.has(a.id)) as never[] };
      if (resource === RESOURCES.creditGrants) return { data: (await grants.getMany([...ids])) as never[] };
      if (resource === RESOURCES.providers)
        return { data: (await getProviders()).filter((p) => ids.has(p.id)) as never[] };
      if (resource === RESOURCES.syncRuns) return { data: (await Promise.all([...ids].map(getRun))) as never[] };
      return unsupported(resource, 'getMany');
    },
    async getManyReference(resource, params) {
      if (resource === RESOURCES.syncRuns && params.target === 'providerAccountId') {
        const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
        return listRuns({ ...params.filter, providerAccountId: String(params.id) }, page, perPage) as never;
      }
      return unsupported(resource, 'getManyReference');
    },
    async create(resource, params) {
      const fields = params.data as Record<string, unknown>;
      if (resource === RESOURCES.creditGrants) return { data: (await grants.create(fields)) as never };
      if (resource !== RESOURCES.providerAccounts) return unsupported(resource, 'create');
      const data = params.data as LinkProviderData;
      const input = {
        provider: data.provider,
        label: data.label,
        credentials: data.credentials,
        endpoint: data.endpoint ?? null,
      };
      const result = await gql<{
        linkProvider: { account: AccountData; run: SyncRunRecord | null; verification: CredentialVerification };
      }>(LINK_PROVIDER, { input });
      const { account, run, verification } = result.linkProvider;
      // The backfill run rides along so the form can open its live log.
      return { data: { ...withSpend(account), activeRun: run ?? account.activeRun, verification } as never };
    },
    async update(resource, params) {
      const values = params.data as Record<string, unknown>;
      if (resource === RESOURCES.creditGrants)
        return { data: (await grants.update(String(params.id), values)) as never };
      if (resource !== RESOURCES.providerAccounts) return unsupported(resource, 'update');
      const data = params.data as UpdateCredentialsData;
      const input: Record<string, unknown> = { id: String(params.id), credentials: data.credentials };
      if (data.endpoint !== undefined) input.endpoint = data.endpoint;
      if (data.label !== undefined) input.label = data.label;
      const result = await gql<{
        updateProviderCredentials: { account: AccountData; verification: CredentialVerification };
      }>(UPDATE_PROVIDER_CREDENTIALS, { input });
      return {
        data: {
          ...withSpend(result.updateProviderCredentials.account),
          verification: result.updateProviderCredentials.verification,
        } as never,
      };
    },
    async delete(resource, params) {
      if (resource === RESOURCES.creditGrants) {
        await grants.delete(String(params.id));
        return { data: (params.previousData ?? { id: params.id }) as never };
      }
      if (resource !== RESOURCES.providerAccounts) return unsupported(resource, 'delete');
      const purgeHistory = params.meta?.purgeHistory === true;
      await gql<{ unlinkProvider: { id: string; purged: boolean } }>(UNLINK_PROVIDER, {
        id: String(params.id),
        purgeHistory,
      });
      return { data: (params.previousData ?? { id: params.id }) as never };
    },
    updateMany: (resource) => unsupported(resource, 'updateMany'),
    deleteMany: (resource) => unsupported(resource, 'deleteMany'),
    graphql: (document, variables) => gql(document, variables),
    getProviders,
    async refreshProvider(id) {
      return (await gql<{ refreshProvider: { run: SyncRunRecord; alreadyRunning: boolean } }>(REFRESH_PROVIDER, { id }))
        .refreshProvider;
    },
    async getSyncLogLines(runId, afterId = null) {
      const lines: SyncLogLine[] = [];
      let after = afterId;
      for (;;) {
        const page = (
          await gql<{ syncLogLines: SyncLogLine[] }>(SYNC_LOG_LINES, { runId, afterId: after, limit: LOG_PAGE })
        ).syncLogLines;
        lines.push(...page);
        if (page.length < LOG_PAGE) return lines;
        after = page[page.length - 1]!.id;
      }
    },
  };
  return provider;
}
