/** @jest-environment node */
import { describe, expect, it } from '@jest/globals';
import { GraphQLError, parse, validate } from 'graphql';
import { buildAccount, buildLogLine, buildRun } from '../test/builders';
import { contractSchema, createFakeGraphql, type FakeResolvers } from '../test/fake-graphql';
import * as documents from './documents';
import { ApiRequestError } from './errors';
import { createGraphqlTransport } from './graphql';
import { createDataProvider, sortAndPage } from './index';

function setup(resolvers: FakeResolvers) {
  const fake = createFakeGraphql(resolvers);
  const transport = createGraphqlTransport({
    url: 'http://api.test/graphql',
    isSignedIn: () => true,
    fetch: fake.fetch,
    forwardSubscription: fake.forwardSubscription,
  });
  return { fake, dataProvider: createDataProvider(transport) };
}

const dashboardRow = (providerAccountId: string, spend: string, coverage: string | null) => ({
  providerAccountId,
  spend,
  credits: '0',
  net: spend,
  coverage,
  // the rest of ProviderDashboardRow's non-null fields, which the list does not select
});

describe('documents', () => {
  it.each(Object.entries(documents))('%s is valid against apps/api/schema.graphql', (_name, document) => {
    expect(validate(contractSchema(), parse(document)).map((e) => e.message)).toEqual([]);
  });
});

describe('createDataProvider', () => {
  it('lists provider accounts with their 30-day spend and coverage, on the session cookie with the CSRF header', async () => {
    const { fake, dataProvider } = setup({
      providerAccounts: () => [buildAccount({ id: 'a', label: 'Beta' }), buildAccount({ id: 'b', label: 'Alpha' })],
      providerDashboard: ({ filter }) => {
        expect(filter).toMatchObject({ preset: 'LAST_30_DAYS' });
        return { total: 1, rows: [dashboardRow('a', '12.50', '0.4')] };
      },
    });
    const result = await dataProvider.getList('provider-accounts', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'label', order: 'ASC' },
      filter: {},
    });
    expect(result.total).toBe(2);
    expect(result.data.map((r) => [r.label, r.spend, r.coverage])).toEqual([
      ['Alpha', null, null],
      ['Beta', '12.50', '0.4'],
    ]);
    expect(fake.calls[0]).toMatchObject({
      operationName: 'ProviderAccounts',
      authorization: null,
      csrf: '1',
      sessionDelivery: 'cookie',
      credentials: 'same-origin',
    });
  });

  it('passes list filters to the API', async () => {
    const seen: unknown[] = [];
    const { dataProvider } = setup({
      providerAccounts: (args) => {
        seen.push(args);
        return [];
      },
      providerDashboard: () => ({ total: 0, rows: [] }),
    });
    await dataProvider.getList('provider-accounts', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: { status: 'ERROR' },
    });
    expect(seen).toEqual([{ status: 'ERROR', provider: null }]);
  });

  it('links a provider and returns the account with its backfill run and verification', async () => {
    const inputs: unknown[] = [];
    const { dataProvider } = setup({
      linkProvider: ({ input }) => {
        inputs.push(input);
        return {
          account: buildAccount({ id: 'new', status: 'SYNCING' }),
          run: buildRun({ id: 'run-9', status: 'QUEUED' }),
          verification: { detail: 'FULL', message: null, accountName: 'Acme' },
        };
      },
    });
    const data = {
      provider: 'OPENAI',
      label: 'OpenAI',
      credentials: { apiKey: 'sk-admin-x' },
      endpoint: 'http://127.0.0.1:4010/v1',
    };
    const { data: account } = await dataProvider.create('provider-accounts', { data });
    expect(inputs).toEqual([data]);
    expect(account).toMatchObject({ id: 'new', activeRun: { id: 'run-9' }, verification: { accountName: 'Acme' } });
  });

  it('turns a verification error into an ApiRequestError with the field react-admin shows it on', async () => {
    const message = 'apiKey is a project key (sk-proj-…), which cannot read usage or costs.';
    const { dataProvider } = setup({
      linkProvider: () => {
        throw new GraphQLError(message, {
          extensions: {
            code: 'CREDENTIALS_INVALID',
            field: 'credentials.apiKey',
            issues: [{ field: 'credentials.apiKey', message }],
          },
        });
      },
    });
    const error = await dataProvider
      .create('provider-accounts', { data: { provider: 'OPENAI', label: 'x', credentials: { apiKey: 'sk-proj-1' } } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      code: 'CREDENTIALS_INVALID',
      status: 400,
      field: 'credentials.apiKey',
      message,
      body: { errors: { 'credentials.apiKey': message } },
    });
  });

  it.each([
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['PROVIDER_UNAVAILABLE', 500],
  ])('maps the API code %s to status %i', async (code, status) => {
    const { dataProvider } = setup({
      providerAccount: () => {
        throw new GraphQLError('no', { extensions: { code } });
      },
    });
    await expect(dataProvider.getOne('provider-accounts', { id: 'x' })).rejects.toMatchObject({ code, status });
  });

  it('re-keys an account, sending only the fields the form changed', async () => {
    const inputs: unknown[] = [];
    const { dataProvider } = setup({
      updateProviderCredentials: ({ input }) => {
        inputs.push(input);
        return { account: buildAccount(), verification: { detail: 'FULL', message: null, accountName: null } };
      },
    });
    await dataProvider.update('provider-accounts', {
      id: 'acc-1',
      data: { credentials: '{"apiKey":"sk-admin-y"}' },
      previousData: { id: 'acc-1' },
    });
    expect(inputs).toEqual([{ id: 'acc-1', credentials: '{"apiKey":"sk-admin-y"}' }]);
  });

  it.each([[true], [false]])('unlinks with purgeHistory %s', async (purgeHistory) => {
    const seen: unknown[] = [];
    const { dataProvider } = setup({
      unlinkProvider: (args) => {
        seen.push(args);
        return { id: 'acc-1', purged: purgeHistory };
      },
    });
    const result = await dataProvider.delete('provider-accounts', {
      id: 'acc-1',
      meta: { purgeHistory },
      previousData: { id: 'acc-1', label: 'x' },
    });
    expect(seen).toEqual([{ id: 'acc-1', purgeHistory }]);
    expect(result.data).toEqual({ id: 'acc-1', label: 'x' });
  });

  it("lists an account's sync runs a page at a time", async () => {
    const seen: unknown[] = [];
    const { dataProvider } = setup({
      syncRuns: (args) => {
        seen.push(args);
        return { total: 41, items: [buildRun({ id: 'r21' })] };
      },
    });
    const result = await dataProvider.getList('sync-runs', {
      pagination: { page: 3, perPage: 10 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { providerAccountId: 'acc-1' },
    });
    expect(seen).toEqual([{ providerAccountId: 'acc-1', status: null, trigger: null, offset: 20, limit: 10 }]);
    expect(result).toMatchObject({ total: 41, data: [{ id: 'r21' }] });
  });

  it('lists the runs of every account without an account filter, narrowed by status and trigger (the global sync log)', async () => {
    const seen: unknown[] = [];
    const runs = [buildRun({ id: 'r2', providerAccountId: 'acc-2' }), buildRun({ id: 'r1' })];
    const { dataProvider } = setup({
      syncRuns: (args) => {
        seen.push(args);
        return { total: 2, items: runs };
      },
    });
    const all = await dataProvider.getList('sync-runs', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: {},
    });
    expect(all).toMatchObject({ total: 2, data: [{ id: 'r2' }, { id: 'r1' }] });
    await dataProvider.getList('sync-runs', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { status: 'FAILED', trigger: 'SCHEDULE' },
    });
    expect(seen).toEqual([
      { providerAccountId: null, status: null, trigger: null, offset: 0, limit: 25 },
      { providerAccountId: null, status: 'FAILED', trigger: 'SCHEDULE', offset: 0, limit: 25 },
    ]);
  });

  it("reads every page of a run's log", async () => {
    const lines = Array.from({ length: 1203 }, (_, i) => buildLogLine(i + 1));
    const { fake, dataProvider } = setup({
      syncLogLines: ({ afterId, limit }) =>
        lines.filter((l) => afterId == null || Number(l.id) > Number(afterId)).slice(0, limit),
    });
    const all = await dataProvider.getSyncLogLines('run-1');
    expect(all.map((l) => l.id)).toEqual(lines.map((l) => l.id));
    expect(fake.calls.map((c) => c.variables.afterId)).toEqual([null, '500', '1000']);
  });

  it('starts a refresh and says whether one was already running', async () => {
    const { dataProvider } = setup({
      refreshProvider: ({ id }) => ({
        alreadyRunning: true,
        run: buildRun({ providerAccountId: id, status: 'RUNNING' }),
      }),
    });
    await expect(dataProvider.refreshProvider('acc-7')).resolves.toMatchObject({
      alreadyRunning: true,
      run: { providerAccountId: 'acc-7' },
    });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    const transport = createGraphqlTransport({
      url: 'http://api.test/graphql',
      isSignedIn: () => false,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await expect(createDataProvider(transport).getProviders()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
    });
  });
});

describe('sortAndPage', () => {
  const rows = [
    { id: 'a', spend: '9.5' },
    { id: 'b', spend: '10' },
    { id: 'c', spend: null },
  ];
  it.each([
    ['ASC', ['a', 'b', 'c']],
    ['DESC', ['c', 'b', 'a']],
  ] as const)('sorts decimal strings as numbers (%s), unknown last ascending', (order, ids) => {
    expect(
      sortAndPage(rows, { sort: { field: 'spend', order }, pagination: { page: 1, perPage: 10 } }).data.map(
        (r) => r.id,
      ),
    ).toEqual(ids);
  });
  it('pages after sorting and reports the full total', () => {
    expect(sortAndPage(rows, { sort: { field: 'id', order: 'ASC' }, pagination: { page: 2, perPage: 2 } })).toEqual({
      data: [{ id: 'c', spend: null }],
      total: 3,
    });
  });
});
