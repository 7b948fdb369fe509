import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { seedTenantData, type SeededData } from './seed-tenant-data';

/** Organization A's data, snapshotted to prove B changed nothing. */
async function snapshot(api: TestApi, organizationId: string): Promise<unknown> {
  const tables = [
    'provider_accounts',
    'workspaces',
    'workspace_name_changes',
    'api_keys',
    'sync_runs',
    'api_tokens',
    'metered_usage',
  ];
  const result: Record<string, unknown> = {};
  for (const table of tables) {
    result[table] = await api.ds.query(`SELECT * FROM ${table} WHERE organization_id = $1 ORDER BY id`, [
      organizationId,
    ]);
  }
  return JSON.parse(JSON.stringify(result));
}

describe('tenant isolation: organization B can never read or change organization A by id', () => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;
  let seeded: SeededData;
  let before: unknown;
  beforeAll(async () => {
    api = await startTestApi();
    [a, b] = await Promise.all([createTenant(api, 'A'), createTenant(api, 'B')]);
    seeded = await seedTenantData(api.ds, a.organizationId, 'alpha');
    await seedTenantData(api.ds, b.organizationId, 'bravo');
    before = await snapshot(api, a.organizationId);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("sees A's data as A (the seeded ids are valid)", async () => {
    const { data } = await api.gql(
      `query($a: ID!, $w: ID!, $k: ID!, $r: ID!, $m: ID!) {
      providerAccount(id: $a) { id } workspace(id: $w) { id } apiKey(id: $k) { id } syncRun(id: $r) { id } model(id: $m) { id }
    }`,
      { a: seeded.accountId, w: seeded.workspaceIds[0], k: seeded.apiKeyId, r: seeded.runId, m: seeded.modelId },
      a.viewer.token,
    );
    expect(data).toEqual({
      providerAccount: { id: seeded.accountId },
      workspace: { id: seeded.workspaceIds[0] },
      apiKey: { id: seeded.apiKeyId },
      syncRun: { id: seeded.runId },
      model: { id: seeded.modelId },
    });
  });

  it("answers null for each of A's entities queried by id", async () => {
    const { data, errors } = await api.gql(
      `query($a: ID!, $w: ID!, $k: ID!, $r: ID!, $m: ID!) {
      providerAccount(id: $a) { id } workspace(id: $w) { id } apiKey(id: $k) { id } syncRun(id: $r) { id } model(id: $m) { id }
    }`,
      { a: seeded.accountId, w: seeded.workspaceIds[0], k: seeded.apiKeyId, r: seeded.runId, m: seeded.modelId },
      b.admin.token,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ providerAccount: null, workspace: null, apiKey: null, syncRun: null, model: null });
  });

  it("lists only B's own data, even when filtering by A's ids", async () => {
    const { data } = await api.gql(
      `query($a: ID!) {
      providerAccounts { label } workspaces(providerAccountId: $a) { id } apiKeys(providerAccountId: $a) { id } models { id } apiTokens { name }
      all: workspaces { displayName }
    }`,
      { a: seeded.accountId },
      b.admin.token,
    );
    expect(data).toEqual({
      providerAccounts: [{ label: 'OpenAI bravo' }],
      workspaces: [],
      apiKeys: [],
      models: [{ id: 'openai:gpt-bravo' }],
      apiTokens: [{ name: 'seeded' }],
      all: [{ displayName: 'Chat bravo' }, { displayName: 'Renamed bravo' }],
    });
  });

  it.each([
    ['syncRuns', 'query($id: ID!) { syncRuns(providerAccountId: $id) { total } }', 'accountId'],
    ['syncLogLines', 'query($id: ID!) { syncLogLines(runId: $id) { id } }', 'runId'],
    ['renameWorkspace', 'mutation($id: ID!) { renameWorkspace(id: $id, name: "pwned") { id } }', 'workspace0'],
    ['unmapWorkspace', 'mutation($id: ID!) { unmapWorkspace(id: $id) { id } }', 'workspace0'],
    ['revertWorkspaceName', 'mutation($id: ID!) { revertWorkspaceName(historyEntryId: $id) { id } }', 'nameChangeId'],
    ['refreshProvider', 'mutation($id: ID!) { refreshProvider(id: $id) { alreadyRunning } }', 'accountId'],
    [
      'unlinkProvider (keep)',
      'mutation($id: ID!) { unlinkProvider(id: $id, purgeHistory: false) { id } }',
      'accountId',
    ],
    [
      'unlinkProvider (purge)',
      'mutation($id: ID!) { unlinkProvider(id: $id, purgeHistory: true) { id } }',
      'accountId',
    ],
    [
      'updateProviderCredentials',
      'mutation($id: ID!) { updateProviderCredentials(input: { id: $id, credentials: { apiKey: "sk-admin-x" } }) { account { id } } }',
      'accountId',
    ],
    ['revokeApiToken', 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', 'apiTokenId'],
  ])("answers NOT_FOUND to %s with A's id", async (_name, operation, key) => {
    const id = key === 'workspace0' ? seeded.workspaceIds[0] : seeded[key as keyof SeededData];
    const response = await api.gql(operation, { id }, b.admin.token);
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("maps nothing when one of the workspaces is A's (the whole mapping is refused)", async () => {
    const own = (await api.gql('{ workspaces { id displayName } }', {}, b.admin.token)).data.workspaces;
    const response = await api.gql(
      'mutation($ids: [ID!]!) { mapWorkspaces(workspaceIds: $ids, displayName: "Shared") { id } }',
      { ids: [own[0].id, seeded.workspaceIds[1]] },
      b.admin.token,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql('{ workspaces { id displayName } }', {}, b.admin.token)).data.workspaces).toEqual(own);
  });

  it("resolves none of A's entities through federation's _entities", async () => {
    const representations = [
      { __typename: 'ProviderAccount', id: seeded.accountId },
      { __typename: 'Workspace', id: seeded.workspaceIds[0] },
      { __typename: 'ApiKey', id: seeded.apiKeyId },
      { __typename: 'SyncRun', id: seeded.runId },
      { __typename: 'Model', id: seeded.modelId },
    ];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on ProviderAccount { id label } ... on Workspace { id displayName } ... on ApiKey { id hint } ... on SyncRun { id status } ... on Model { id name }
    } }`;
    expect((await api.gql(query, { r: representations }, b.admin.token)).data).toEqual({
      _entities: [null, null, null, null, null],
    });
    expect((await api.gql(query, { r: representations }, a.viewer.token)).data._entities).toEqual([
      { id: seeded.accountId, label: 'OpenAI alpha' },
      { id: seeded.workspaceIds[0], displayName: 'Renamed alpha' },
      { id: seeded.apiKeyId, hint: seeded.apiKeyHint },
      { id: seeded.runId, status: 'SUCCEEDED' },
      { id: seeded.modelId, name: 'gpt-alpha' },
    ]);
    expect((await api.gql(query, { r: representations })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("does not tie B's metered usage to A's key: by id it is refused, by hint it stays unmatched", async () => {
    const byId = await api.gql(
      `mutation($id: ID!) { recordMeteredUsage(batch: { source: "app", entries: [
      { provider: OPENAI, model: "gpt-alpha", day: "2026-01-05", apiKeyId: $id, requests: 3 }] }) { accepted } }`,
      { id: seeded.apiKeyId },
      b.admin.token,
    );
    expect(byId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entries.0.apiKeyId' });
    const byHint = await api.gql(
      `mutation($hint: String!) { recordMeteredUsage(batch: { source: "app", entries: [
      { provider: OPENAI, model: "gpt-alpha", day: "2026-01-05", apiKeyHint: $hint, requests: 3 }] }) { accepted matchedToKeys } }`,
      { hint: seeded.apiKeyHint },
      b.admin.token,
    );
    expect(byHint.data.recordMeteredUsage).toEqual({ accepted: 1, matchedToKeys: 0 });
  });

  it("never returns A's names or hints in any of B's responses above", async () => {
    const everything = await api.gql(
      '{ providerAccounts { label keyHint workspaces { displayName nameHistory { newName } } apiKeys { hint } } workspaces { displayName } apiKeys { hint } models { id } }',
      {},
      b.admin.token,
    );
    expect(JSON.stringify(everything)).not.toMatch(/alpha/);
  });

  it('left every row of A exactly as it was (runs last)', async () => {
    expect(await snapshot(api, a.organizationId)).toEqual(before);
  });
});
