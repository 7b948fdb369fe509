import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { Caller } from '../features/auth/caller';
import { checkOperationAccess, selectOperation } from './operation-access';

const base: Caller = {
  organizationId: 'org',
  role: 'viewer',
  userId: 'u',
  apiTokenId: null,
  sessionId: 's',
  canRecordUsage: false,
};
const CALLERS: Record<string, Caller | null> = {
  anonymous: null,
  viewer: base,
  admin: { ...base, role: 'admin', canRecordUsage: true },
  meteringToken: { ...base, userId: null, sessionId: null, apiTokenId: 't', canRecordUsage: true },
};

const access = (caller: keyof typeof CALLERS, query: string) => {
  const document = parse(query);
  return checkOperationAccess(CALLERS[caller]!, document, selectOperation(document)!)?.code ?? 'allowed';
};

describe('checkOperationAccess', () => {
  it.each<[keyof typeof CALLERS, string, string]>([
    ['anonymous', 'mutation { login(email: "a", password: "b") { token } }', 'allowed'],
    ['anonymous', '{ __schema { types { name } } }', 'allowed'],
    ['anonymous', '{ _service { sdl } }', 'allowed'],
    ['anonymous', '{ me { role } }', 'UNAUTHENTICATED'],
    ['anonymous', '{ ...Q } fragment Q on Query { me { role } }', 'UNAUTHENTICATED'],
    ['anonymous', '{ _entities(representations: []) { __typename } }', 'UNAUTHENTICATED'],
    ['anonymous', 'subscription { syncRunProgressed { runId } }', 'UNAUTHENTICATED'],
    ['viewer', '{ me { role } providerAccounts { id } }', 'allowed'],
    ['viewer', 'subscription { syncRunProgressed { runId } }', 'allowed'],
    ['viewer', 'mutation { logout changePassword(currentPassword: "a", newPassword: "b") }', 'allowed'],
    ['viewer', 'mutation { renameWorkspace(id: "1", name: "x") { id } }', 'FORBIDDEN'],
    ['viewer', 'mutation { logout ... on Mutation { createApiToken(name: "x") { token } } }', 'FORBIDDEN'],
    ['viewer', 'mutation { recordMeteredUsage(batch: { source: "s", entries: [] }) { accepted } }', 'FORBIDDEN'],
    ['meteringToken', 'mutation { recordMeteredUsage(batch: { source: "s", entries: [] }) { accepted } }', 'allowed'],
    ['meteringToken', 'mutation { refreshProvider(id: "1") { alreadyRunning } }', 'FORBIDDEN'],
    [
      'admin',
      'mutation { renameWorkspace(id: "1", name: "x") { id } recordMeteredUsage(batch: { source: "s", entries: [] }) { accepted } }',
      'allowed',
    ],
  ])('%s: %s → %s', (caller, query, expected) => {
    expect(access(caller, query)).toBe(expected);
  });

  it('picks the named operation of a document with several', () => {
    const document = parse('query A { me { role } } mutation B { logout }');
    expect(selectOperation(document, 'B')?.operation).toBe('mutation');
    expect(selectOperation(document)).toBeUndefined();
  });
});
