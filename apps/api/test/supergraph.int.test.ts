import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUPERGRAPH_ROOT_FIELDS } from '../src/graphql/supergraph/root-field-names';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { postFrom, startGateway, type TestGateway } from './gateway-harness';
import { IDENTITY_SDL, startIdentitySubgraph } from './identity-subgraph';
import { seedTenantData, type SeededData } from './seed-tenant-data';

type IntrospectedField = { name: string; isDeprecated: boolean; deprecationReason: string | null };

describe('supergraph: spendsync composes with a team that has its own users, me and Provider enum', () => {
  let api: TestApi;
  let tenant: Tenant;
  let other: Tenant;
  let seeded: SeededData;
  let sdl: string;
  let identity: Awaited<ReturnType<typeof startIdentitySubgraph>>;
  let gateway: TestGateway;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    other = await createTenant(api, 'Other');
    seeded = await seedTenantData(api.ds, tenant.organizationId, 'sg');
    sdl = (await api.gql<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
    identity = await startIdentitySubgraph(
      [
        { id: tenant.admin.id, email: tenant.admin.email, displayName: 'Ada Admin' },
        { id: tenant.viewer.id, email: tenant.viewer.email, displayName: 'Vic Viewer' },
      ],
      { id: tenant.organizationId, name: 'Identity name' },
    );
    gateway = await startGateway([
      { name: 'spendsync', url: api.url },
      { name: 'identity', url: identity.url },
    ]);
  });
  afterAll(async () => {
    await gateway?.stop();
    await identity?.stop();
    await api?.close();
  });

  const viaGateway = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    postFrom('127.0.0.1', gateway.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});

  it('composes with the identity subgraph without errors (regression: 7 composition errors)', () => {
    const composed = composeServices([
      { name: 'spendsync', typeDefs: parse(sdl), url: api.url },
      { name: 'identity', typeDefs: IDENTITY_SDL, url: identity.url },
    ]);
    expect(composed.errors?.map((error) => error.message) ?? []).toEqual([]);
  });

  it('publishes only spendsync-prefixed root fields to the supergraph', () => {
    const document = parse(sdl);
    for (const root of ['Query', 'Mutation', 'Subscription']) {
      const type = document.definitions.find((d) => d.kind === 'ObjectTypeDefinition' && d.name.value === root) as
        { fields: { name: { value: string } }[] } | undefined;
      const names = (type?.fields ?? []).map((field) => field.name.value).filter((name) => !name.startsWith('_'));
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !name.startsWith('spendsync'))).toEqual([]);
    }
  });

  it('keeps every old root field working for direct clients, deprecated with its replacement named', async () => {
    const { data } = await api.gql(`{
      q: __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      m: __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      s: __type(name: "Subscription") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
    }`);
    const served = new Map<string, IntrospectedField>();
    for (const [root, key] of [
      ['Query', 'q'],
      ['Mutation', 'm'],
      ['Subscription', 's'],
    ] as const) {
      for (const field of data[key].fields as IntrospectedField[]) served.set(`${root}.${field.name}`, field);
    }
    for (const [root, renames] of Object.entries(SUPERGRAPH_ROOT_FIELDS)) {
      for (const [legacyName, name] of Object.entries(renames)) {
        expect(served.get(`${root}.${legacyName}`)).toMatchObject({
          isDeprecated: true,
          deprecationReason: `Use ${name}.`,
        });
        expect(served.get(`${root}.${name}`)).toMatchObject({ isDeprecated: false });
      }
    }
    const old = await api.gql('{ me { role organization { id } } workspaces { id } }', {}, tenant.admin.token);
    const renamed = await api.gql(
      '{ spendsyncViewer { role organization { id } } spendsyncWorkspaces { id } }',
      {},
      tenant.admin.token,
    );
    expect(old.errors).toBeUndefined();
    expect(old.data).toEqual({ me: renamed.data.spendsyncViewer, workspaces: renamed.data.spendsyncWorkspaces });
  });

  it("answers one query across both subgraphs: both `me`s, spendsync's users extended by the identity team", async () => {
    const { body } = await viaGateway(
      `{
      me { id displayName }
      spendsyncViewer { role organization { id name plan } user { id email displayName } }
      spendsyncUsers { email role displayName }
      preferredProvider(fallback: OPENAI)
    }`,
      {},
      tenant.admin.token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({
      me: { id: tenant.admin.id, displayName: 'Ada Admin' },
      spendsyncViewer: {
        role: 'ADMIN',
        organization: { id: tenant.organizationId, plan: 'enterprise' },
        user: { id: tenant.admin.id, displayName: 'Ada Admin' },
      },
      preferredProvider: 'OPENAI',
    });
    expect(body.data.spendsyncUsers).toEqual(
      expect.arrayContaining([
        { email: tenant.admin.email, role: 'ADMIN', displayName: 'Ada Admin' },
        { email: tenant.viewer.email, role: 'VIEWER', displayName: 'Vic Viewer' },
      ]),
    );
  });

  it('nulls only the spendsync fields of a foreign, missing or malformed workspace reference, keeping its siblings', async () => {
    const [foreign] = (await seedTenantData(api.ds, other.organizationId, 'sg-other')).workspaceIds;
    const ids = [
      seeded.workspaceIds[0],
      foreign,
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      seeded.workspaceIds[1],
    ];
    const { body } = await viaGateway(
      'query($ids: [ID!]!) { pinnedWorkspaces(ids: $ids) { id displayName provider } }',
      { ids },
      tenant.viewer.token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.pinnedWorkspaces).toEqual([
      { id: ids[0], displayName: 'Renamed sg', provider: 'OPENAI' },
      { id: ids[1], displayName: null, provider: null },
      { id: ids[2], displayName: null, provider: null },
      { id: ids[3], displayName: null, provider: null },
      { id: ids[4], displayName: 'Chat sg', provider: 'OPENAI' },
    ]);
  });

  it("answers _entities with null for another organization's user or organization", async () => {
    const { data, errors } = await api.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { email } ... on Organization { name } } }`,
      {
        r: [
          { __typename: 'User', id: tenant.viewer.id },
          { __typename: 'User', id: other.admin.id },
          { __typename: 'Organization', id: tenant.organizationId },
          { __typename: 'Organization', id: other.organizationId },
        ],
      },
      tenant.admin.token,
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { __typename: 'User', email: tenant.viewer.email },
      null,
      { __typename: 'Organization', name: expect.any(String) },
      null,
    ]);
  });

  it('refuses an unknown __typename in _entities with a clear error, logged as no server fault (regression: "Unexpected error.")', async () => {
    const logged = api.logLines.length;
    const { data, errors } = await api.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      {
        r: [
          { __typename: 'Workspace', id: seeded.workspaceIds[0] },
          { __typename: 'Invoice', id: '1' },
        ],
      },
      tenant.admin.token,
    );
    expect(data?._entities ?? null).toBeNull();
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(errors?.[0]?.message).toContain('"Invoice"');
    expect(errors?.[0]?.message).toContain('Workspace');
    expect(api.logLines.slice(logged).filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });

  it('refuses more than 1,000 representations in one _entities call, before any lookup', async () => {
    const r = Array.from({ length: 1_001 }, () => ({ __typename: 'Workspace', id: seeded.workspaceIds[0] }));
    const { data, errors } = await api.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      { r },
      tenant.admin.token,
    );
    expect(data?._entities ?? null).toBeNull();
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'representations' } });
    expect(errors?.[0]?.message).toMatch(/at most 1000 representations/);
  });
});
