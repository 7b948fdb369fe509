import { describe, expect, it } from '@jest/globals';
import { AdapterError } from '../../errors';
import { classifyLiteLlmError, isNotPremium, isNotPremiumError } from './classify-error';
import invalidKey from './fixtures/error-invalid-key.json';
import missingDates from './fixtures/error-missing-dates.json';
import notPremium from './fixtures/error-not-premium.json';
import roleDenied from './fixtures/error-role-denied.json';

const response = (status: number, body: unknown) => ({
  status,
  body,
  text: JSON.stringify(body),
  headers: new Headers(),
});

describe('classifyLiteLlmError', () => {
  it.each([
    [
      401,
      invalidKey,
      'AUTH_FAILED',
      /^Authentication Error, Invalid proxy server token passed\..*Check that the key is complete/,
    ],
    [
      401,
      roleDenied,
      'CREDENTIAL_REJECTED',
      /Only proxy admin .*Your role=internal_user.*master key \(LITELLM_MASTER_KEY\) or a key of a proxy_admin user/,
    ],
    [
      403,
      {
        error: {
          message: 'Only proxy admin can be used to generate, delete, update info',
          type: 'auth_error',
          param: 'None',
          code: '403',
        },
      },
      'CREDENTIAL_REJECTED',
      /proxy_admin/,
    ],
    [403, { detail: 'user not allowed to access this route' }, 'CREDENTIAL_REJECTED', /master key/],
    [
      400,
      notPremium,
      'BAD_REQUEST',
      /^not_premium_user \(this route needs LiteLLM Enterprise\): \/spend\/report endpoint You must be a LiteLLM Enterprise user/,
    ],
    [404, { detail: 'Not Found' }, 'NOT_FOUND', /check baseUrl, or upgrade LiteLLM/],
  ])('maps HTTP %i %j to %s', (status, body, code, message) => {
    const result = classifyLiteLlmError(response(status, body));
    expect(result?.code).toBe(code);
    expect(result?.message).toMatch(message);
  });

  it('leaves other 400s (a {"detail":{"error"}} body) and 5xx to the shared classification', () => {
    expect(classifyLiteLlmError(response(400, missingDates))).toBeUndefined();
    expect(classifyLiteLlmError(response(500, { error: { message: 'db down', code: '500' } }))).toBeUndefined();
  });
});

describe('not_premium_user', () => {
  it.each([
    [400, notPremium, true],
    [400, { error: { message: 'x', type: 'not_premium_user', param: 'None', code: '400' } }, true],
    [400, missingDates, false],
    [401, notPremium, false],
  ])('recognises HTTP %i %j: %p', (status, body, expected) => {
    expect(isNotPremium({ status, body })).toBe(expected);
  });

  it('is recognised again on the AdapterError made from it', () => {
    const said = classifyLiteLlmError(response(400, notPremium))!;
    expect(isNotPremiumError(new AdapterError('litellm', said.code, `LiteLLM: HTTP 400: ${said.message}`))).toBe(true);
    expect(
      isNotPremiumError(
        new AdapterError('litellm', 'BAD_REQUEST', 'LiteLLM: HTTP 400: Please provide start_date and end_date'),
      ),
    ).toBe(false);
  });
});
