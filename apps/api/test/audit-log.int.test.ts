import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

// Every change through the API lands in the audit log — over HTTP and over graphql-ws, by users
// and API tokens, refused or not — with its secrets redacted; the log can only grow.
const SECRET = 'sk-ant-admin01-AUDITSECRET0123456789abcdefghijklmnopqrstuvwxyz';

type Event = {
  action: string;
  actorType: string;
  actorLabel: string;
  targetId: string | null;
  outcome: string;
  errorCode: string | null;
  changes: { input: Record<string, unknown> };
};

describe('audit log', () => {
  let api: TestApi;
  let tenant: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    other = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const events = async (filter: Record<string, unknown> = {}, token = tenant.admin.token) => {
    const response = await api.gql<{ spendsyncAuditEvents: { total: number; rows: Event[] } }>(
      `query($filter: AuditEventFilter) { spendsyncAuditEvents(filter: $filter, limit: 500) { total rows {
        action actorType actorLabel targetId outcome errorCode changes } } }`,
      { filter },
      token,
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.spendsyncAuditEvents;
  };
  const allText = async () => JSON.stringify(await api.ds.query('SELECT * FROM audit_events'));

  it('records a change with who, what and the outcome, and never the token it created', async () => {
    const created = await api.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      'mutation { createApiToken(name: "billing widget", canRecordUsage: true) { token apiToken { id } } }',
      {},
      tenant.admin.token,
    );
    const { token, apiToken } = created.data!.createApiToken;
    const { rows } = await events({ action: 'createApiToken' });
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'createApiToken',
        actorType: 'USER',
        actorLabel: tenant.admin.email,
        targetId: apiToken.id,
        outcome: 'SUCCEEDED',
        errorCode: null,
        changes: { input: { name: 'billing widget', canRecordUsage: true, expiresInDays: 90 } },
      }),
    ]);
    expect(await allText()).not.toContain(token);
  });

  it('redacts credentials and passwords, and records refused attempts', async () => {
    await api.gql(
      'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } } }',
      {
        input: { provider: 'ANTHROPIC', label: 'Claude', credentials: { adminKey: SECRET } },
      },
      tenant.admin.token,
    );
    await api.gql(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: 'not my password at all', n: 'a brand new password 123' },
      tenant.admin.token,
    );
    await api.gql('mutation { createApiToken(name: "viewer try") { token } }', {}, tenant.viewer.token);

    const link = (await events({ action: 'linkProvider' })).rows[0]!;
    expect(link).toMatchObject({
      outcome: 'FAILED',
      changes: { input: { input: { provider: 'ANTHROPIC', label: 'Claude', credentials: '[redacted]' } } },
    });
    expect(link.errorCode).toEqual(expect.any(String));
    const password = (await events({ action: 'changePassword' })).rows[0]!;
    expect(password.changes.input).toEqual({ currentPassword: '[redacted]', newPassword: '[redacted]' });
    const refused = (await events({ action: 'createApiToken', outcome: 'FAILED' })).rows[0]!;
    expect(refused).toMatchObject({ actorLabel: tenant.viewer.email, errorCode: 'FORBIDDEN' });
    const text = await allText();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('not my password at all');
    expect(text).not.toContain('a brand new password 123');
  });

  it('records mutations sent over graphql-ws and by API tokens', async () => {
    const client = api.wsClient(tenant.admin.token);
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'mutation { createApiToken(name: "over the socket") { apiToken { id } } }' },
        { next: () => {}, error: reject, complete: resolve },
      );
    });
    expect(
      (await events({ action: 'createApiToken' })).rows.some((e) => e.changes.input.name === 'over the socket'),
    ).toBe(true);

    const created = await api.gql<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(name: "meter", canRecordUsage: true) { token } }',
      {},
      tenant.admin.token,
    );
    await api.gql('mutation { logout }', {}, created.data!.createApiToken.token);
    const byToken = (await events({ actor: 'meter' })).rows;
    expect(byToken[0]).toMatchObject({ action: 'logout', actorType: 'API_TOKEN', actorLabel: 'meter' });
  });

  it('is readable by admins of the organization only, filterable and exportable as CSV', async () => {
    const viewer = await api.gql('{ spendsyncAuditEvents { total } }', {}, tenant.viewer.token);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await events({}, other.admin.token)).total).toBe(0);
    const bad = await api.gql('{ spendsyncAuditEvents(limit: 100000) { total } }', {}, tenant.admin.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const origin = new URL(api.url).origin;
    const csv = await fetch(`${origin}/export/audit.csv?outcome=failed`, {
      headers: { authorization: `Bearer ${tenant.admin.token}` },
    });
    expect(csv.status).toBe(200);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe((await events({ outcome: 'FAILED' })).total);
    expect(rows.every((row) => row.outcome === 'failed')).toBe(true);
    expect(rows.map((row) => row.action)).toContain('linkProvider');
    expect(
      (await fetch(`${origin}/export/audit.csv`, { headers: { authorization: `Bearer ${tenant.viewer.token}` } }))
        .status,
    ).toBe(403);
    expect(
      (
        await fetch(`${origin}/export/audit.csv?from=yesterday`, {
          headers: { authorization: `Bearer ${tenant.admin.token}` },
        })
      ).status,
    ).toBe(400);
  });

  it('can only grow: the API offers no way to change it and the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const introspection = await api.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
      {},
      tenant.admin.token,
    );
    expect(
      introspection.data!.__schema.mutationType.fields.map((f) => f.name).filter((name) => /audit/i.test(name)),
    ).toEqual([]);
    await expect(api.ds.query(`UPDATE audit_events SET outcome = 'succeeded'`)).rejects.toThrow(/append-only/);
    await expect(api.ds.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(api.ds.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });
});
