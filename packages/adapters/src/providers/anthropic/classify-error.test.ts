import { describe, expect, it } from '@jest/globals';
import authentication from './fixtures/error-authentication.json';
import invalidRequest from './fixtures/error-invalid-request.json';
import notFound from './fixtures/error-not-found.json';
import overloaded from './fixtures/error-overloaded.json';
import permission from './fixtures/error-permission.json';
import rateLimit from './fixtures/error-rate-limit.json';
import { classifyAnthropicError } from './classify-error';

const ADMIN = 'sk-ant-admin01-abcdef';
const respond = (status: number, body: unknown) => ({
  status,
  headers: new Headers(),
  text: JSON.stringify(body),
  body,
});

describe('classifyAnthropicError', () => {
  it.each([
    ['a 401 for an Admin key', 401, authentication, ADMIN, 'AUTH_FAILED', /invalid x-api-key.*revoked/],
    [
      'a 401 for a key that is no Admin key',
      401,
      authentication,
      'oauth-token-value',
      'CREDENTIAL_REJECTED',
      /Admin API key \(sk-ant-admin01/,
    ],
    ['a 403 permission_error', 403, permission, ADMIN, 'CREDENTIAL_REJECTED', /permission_error: .*Admin API key/],
  ])('returns %s as its code with guidance', (_name, status, body, key, code, message) => {
    const result = classifyAnthropicError(respond(status, body), key);
    expect(result?.code).toBe(code);
    expect(result?.message).toMatch(message);
  });

  it.each([
    [429, rateLimit],
    [400, invalidRequest],
    [529, overloaded],
    [404, notFound],
  ])('leaves HTTP %i to the default classification', (status, body) => {
    expect(classifyAnthropicError(respond(status, body), ADMIN)).toBeUndefined();
  });
});
