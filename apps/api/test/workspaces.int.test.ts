import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { seedTenantData, type SeededData } from './seed-tenant-data';

const WORKSPACE = `query($id: ID!) { workspace(id: $id) {
  displayName customName providerName nameHistory { id oldName newName changedBy changedAt }
} }`;

describe('workspace names: rename, history, revert, mapping', () => {
  let api: TestApi;
  let tenant: Tenant;
  let seeded: SeededData;
  let second: SeededData;
  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    seeded = await seedTenantData(api.ds, tenant.organizationId, 'one');
    second = await seedTenantData(api.ds, tenant.organizationId, 'two');
  });
  afterAll(async () => {
    await api?.close();
  });

  const workspace = async (id: string) => (await api.gql(WORKSPACE, { id }, tenant.viewer.token)).data.workspace;
  const rename = (id: string, name: string) =>
    api.gql(
      'mutation($id: ID!, $name: String!) { renameWorkspace(id: $id, name: $name) { displayName } }',
      { id, name },
      tenant.admin.token,
    );

  it("renames, recording who and when; the provider's name stays as the provider gave it", async () => {
    const id = seeded.workspaceIds[1];
    expect((await rename(id, '  Chat (prod)  ')).data.renameWorkspace).toEqual({ displayName: 'Chat (prod)' });
    const ws = await workspace(id);
    expect(ws).toMatchObject({ displayName: 'Chat (prod)', customName: 'Chat (prod)', providerName: 'Chat one' });
    expect(ws.nameHistory).toEqual([
      {
        id: expect.any(String),
        oldName: null,
        newName: 'Chat (prod)',
        changedBy: tenant.admin.email,
        changedAt: expect.any(String),
      },
    ]);
    expect((await rename(id, 'Chat (prod)')).data.renameWorkspace.displayName).toBe('Chat (prod)');
    expect((await workspace(id)).nameHistory).toHaveLength(1); // renaming to the same name records nothing
  });

  it('reverts any earlier change: the name before it comes back, as a new history entry', async () => {
    const id = seeded.workspaceIds[1];
    await rename(id, 'Chat v2');
    await rename(id, 'Chat v3');
    const history = (await workspace(id)).nameHistory as { id: string; oldName: string | null; newName: string }[];
    expect(history.map((h) => h.newName)).toEqual(['Chat v3', 'Chat v2', 'Chat (prod)']);
    const toV2 = await api.gql(
      'mutation($id: ID!) { revertWorkspaceName(historyEntryId: $id) { displayName } }',
      { id: history[0]!.id },
      tenant.admin.token,
    );
    expect(toV2.data.revertWorkspaceName).toEqual({ displayName: 'Chat v2' });
    const toProvider = await api.gql(
      'mutation($id: ID!) { revertWorkspaceName(historyEntryId: $id) { displayName customName } }',
      { id: history[2]!.id },
      tenant.admin.token,
    );
    expect(toProvider.data.revertWorkspaceName).toEqual({ displayName: 'Chat one', customName: null });
    expect(((await workspace(id)).nameHistory as { newName: string | null }[]).map((h) => h.newName)).toEqual([
      null,
      'Chat v2',
      'Chat v3',
      'Chat v2',
      'Chat (prod)',
    ]);
  });

  it('maps workspaces of two accounts to one display name, lists them as members, and unmaps one', async () => {
    const ids = [seeded.workspaceIds[0], second.workspaceIds[0]];
    const mapped = await api.gql(
      'mutation($ids: [ID!]!) { mapWorkspaces(workspaceIds: $ids, displayName: "Search") { id displayName } }',
      { ids },
      tenant.admin.token,
    );
    expect(mapped.data.mapWorkspaces).toEqual(ids.map((id) => ({ id, displayName: 'Search' })));
    const members = await api.gql(
      '{ workspaces(displayName: "Search") { id providerAccountId } }',
      {},
      tenant.viewer.token,
    );
    expect(members.data.workspaces.map((w: { id: string }) => w.id).sort()).toEqual([...ids].sort());
    const unmapped = await api.gql(
      'mutation($id: ID!) { unmapWorkspace(id: $id) { displayName customName } }',
      { id: ids[1] },
      tenant.admin.token,
    );
    expect(unmapped.data.unmapWorkspace).toEqual({ displayName: 'Search two', customName: null });
    expect(
      (await api.gql('{ workspaces(displayName: "Search") { id } }', {}, tenant.viewer.token)).data.workspaces,
    ).toEqual([{ id: ids[0] }]);
  });

  it.each([
    ['an empty name', '   '],
    ['a name over 200 characters', 'x'.repeat(201)],
  ])('refuses %s, naming the field', async (_case, name) => {
    const response = await rename(seeded.workspaceIds[0], name);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('answers NOT_FOUND for an id that is not a workspace, including a malformed one', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      expect((await rename(id, 'x')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('links an API key to its workspace and a workspace to its keys', async () => {
    const { data } = await api.gql(
      'query($k: ID!, $w: ID!) { apiKey(id: $k) { workspace { id } } workspace(id: $w) { apiKeys { id } } }',
      { k: seeded.apiKeyId, w: seeded.workspaceIds[0] },
      tenant.viewer.token,
    );
    expect(data).toEqual({
      apiKey: { workspace: { id: seeded.workspaceIds[0] } },
      workspace: { apiKeys: [{ id: seeded.apiKeyId }] },
    });
  });

  it('searches display names and provider ids', async () => {
    const { data } = await api.gql('{ workspaces(search: "proj_two") { externalId } }', {}, tenant.viewer.token);
    expect(data.workspaces.map((w: { externalId: string }) => w.externalId).sort()).toEqual([
      'proj_two_1',
      'proj_two_2',
    ]);
    expect((await api.gql('{ workspaces(search: "%") { id } }', {}, tenant.viewer.token)).data.workspaces).toEqual([]);
  });
});
