import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiContext } from '../src/context';
import type { ApiServices } from '../src/services';
import { createLogger } from '../src/logger';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

describe('error formatting', () => {
  let api: TestApi;
  let tenant: Tenant;
  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const runWith = async (services: ApiServices, query: string) => {
    const contextValue: ApiContext = {
      caller: tenant.admin.caller,
      services,
      logger: createLogger('silent'),
      clientAddress: 'test',
    };
    const response = await api.endpoint.apollo.executeOperation({ query }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('Expected a single result');
    return response.body.singleResult;
  };

  it('masks an unexpected error as "Unexpected error." and logs it in full for the operator', async () => {
    const broken: ApiServices = {
      ...api.services,
      providerAccounts: {
        ...api.services.providerAccounts,
        list: async () => {
          throw new Error('connect ECONNREFUSED 10.9.8.7:5432');
        },
      },
    };
    const result = await runWith(broken, '{ providerAccounts { id } }');
    expect(result.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [{ line: 1, column: 3 }],
        path: ['providerAccounts'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('10.9.8.7');
    expect(
      api.logLines.some((line) => line.includes('ECONNREFUSED 10.9.8.7') && line.includes('Unexpected GraphQL error')),
    ).toBe(true);
  });

  it('passes a deliberate error through with its code and details, without stack traces', async () => {
    const response = await api.gql(
      'query { syncRuns(providerAccountId: "00000000-0000-0000-0000-000000000000") { total } }',
      {},
      tenant.admin.token,
    );
    expect(response.errors).toEqual([
      {
        message: 'Provider account 00000000-0000-0000-0000-000000000000 was not found.',
        locations: expect.any(Array),
        path: ['syncRuns'],
        extensions: { code: 'NOT_FOUND' },
      },
    ]);
  });

  it('reports argument validation as BAD_USER_INPUT with the field, never the submitted value', async () => {
    const response = await api.gql(
      'query { syncRuns(providerAccountId: "00000000-0000-0000-0000-000000000000", limit: 98765) { total } }',
      {},
      tenant.admin.token,
    );
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'limit',
      issues: [{ field: 'limit', message: expect.stringMatching(/500/) }],
    });
    expect(JSON.stringify(response)).not.toContain('98765');
  });

  it("masks graphql-js's own internal errors (a null for a non-null field)", async () => {
    const broken: ApiServices = {
      ...api.services,
      organizations: { ...api.services.organizations, get: async () => null },
    };
    const result = await runWith(broken, '{ me { organization { id } } }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
