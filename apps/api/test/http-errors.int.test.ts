import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

// Requests that fail before or outside a resolver: each answer is a clear JSON error with a
// status, never Express's HTML stack trace, and never the submitted credential.
const SECRET = 'sk-ant-admin01-LEAKCHECK0123456789abcdefLEAKCHECK';
const STACK = /\bat \S+ \(|node_modules|SyntaxError|<pre>/;

describe('HTTP errors outside the resolvers', () => {
  let api: TestApi;
  let tenant: Tenant;
  let origin: string;
  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    origin = new URL(api.url).origin;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a malformed JSON body with 400 and a plain message, no stack trace', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.admin.token}` },
      body: '{',
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: 'The request body is not valid JSON.', code: 'BAD_REQUEST' });
    expect(text).not.toMatch(STACK);
  });

  it('refuses a CSV sort by an inherited property name ("constructor") as a bad sort field', async () => {
    for (const field of ['constructor', '__proto__', 'toString']) {
      const response = await fetch(`${origin}/export/providers.csv?sort=${field}`, {
        headers: { authorization: `Bearer ${tenant.admin.token}` },
      });
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(text).toMatch(/Cannot sort by/);
      expect(text).not.toMatch(STACK);
    }
  });

  it('never echoes credential values in a variable coercion error (linkProvider without label)', async () => {
    const response = await api.gql(
      `mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } } }`,
      {
        input: { provider: 'ANTHROPIC', credentials: { adminKey: SECRET } },
      },
      tenant.admin.token,
    );
    expect(response.errors?.[0]?.message).toBe(
      'Variable "$input" got an invalid value; Field "label" of required type "String!" was not provided.',
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(api.logLines.join('\n')).not.toContain(SECRET);
  });

  it('never echoes a value a scalar refused (a number where the label string goes)', async () => {
    const response = await api.gql(
      `mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } } }`,
      {
        input: { provider: 'ANTHROPIC', label: 987654321987, credentials: { adminKey: SECRET } },
      },
      tenant.admin.token,
    );
    expect(response.errors?.[0]?.message).toBe(
      'Variable "$input" got an invalid value at "input.label"; String cannot represent the given value.',
    );
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(JSON.stringify(response)).not.toContain('987654321987');
  });
});
