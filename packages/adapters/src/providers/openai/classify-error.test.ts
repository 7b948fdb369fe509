import { describe, expect, it } from '@jest/globals';
import { MISSING_SCOPE_GUIDANCE, classifyOpenAiError } from './classify-error';
import invalidKey from './fixtures/error-invalid-key.json';
import missingScopes from './fixtures/error-missing-scopes.json';
import missingScopesBare from './fixtures/error-missing-scopes-bare.json';
import rateLimit from './fixtures/error-rate-limit.json';

const response = (status: number, body: unknown) => ({
  status,
  headers: new Headers(),
  text: JSON.stringify(body),
  body,
});

describe('classifyOpenAiError', () => {
  it.each([
    [403, missingScopes],
    [403, missingScopesBare],
    [401, missingScopes],
    [401, missingScopesBare],
  ])('reads HTTP %i %j as CREDENTIAL_REJECTED with guidance', (status, body) => {
    expect(classifyOpenAiError(response(status, body))).toEqual({
      code: 'CREDENTIAL_REJECTED',
      message: `missing scopes api.usage.read. ${MISSING_SCOPE_GUIDANCE}`,
    });
  });

  it('still gives guidance when the body is plain text', () => {
    const result = classifyOpenAiError({
      status: 403,
      headers: new Headers(),
      text: 'You have insufficient permissions for this operation.',
      body: undefined,
    });
    expect(result).toEqual({ code: 'CREDENTIAL_REJECTED', message: MISSING_SCOPE_GUIDANCE });
  });

  it.each([
    [401, invalidKey],
    [429, rateLimit],
    [403, { error: { message: 'Project is archived.' } }],
    [500, missingScopes],
  ])('leaves HTTP %i %j to the default classification', (status, body) => {
    expect(classifyOpenAiError(response(status, body))).toBeUndefined();
  });
});
