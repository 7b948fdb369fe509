import { describe, expect, it } from '@jest/globals';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { classifyAzureError, type AzureErrorContext } from './classify-error';
import { ZArmError, ZEntraError } from './raw';
import authorizationFailed from './fixtures/error-authorization-failed.json';
import badRequest from './fixtures/error-bad-request.json';
import invalidToken from './fixtures/error-invalid-token.json';
import subscriptionNotFound from './fixtures/error-subscription-not-found.json';
import throttled from './fixtures/error-throttled.json';
import expiredSecret from './fixtures/token-expired-secret.json';
import invalidSecret from './fixtures/token-invalid-secret.json';
import unknownClient from './fixtures/token-unknown-client.json';
import unknownTenant from './fixtures/token-unknown-tenant.json';

const SECRET = 'Abc8Q~s3cr3t-value_that.must~never-leak';
const ctx: AzureErrorContext = {
  tenantId: '33333333-3333-3333-3333-333333333333',
  clientId: '11111111-1111-1111-1111-111111111111',
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  secrets: [SECRET],
};

/** An Entra error body as @azure/identity surfaces it (the MSAL message format seen against the real SDK). */
function identityError(body: unknown, name = 'AuthenticationRequiredError'): Error {
  const entra = ZEntraError.parse(body);
  const error = new Error(
    `${entra.error}: Error(s): ${entra.error_codes?.join(',')} - Timestamp: x - Description: ${entra.error_description} - Correlation ID: y - Trace ID: z`,
  );
  error.name = name;
  return error;
}

/** An ARM error body as the SDK throws it. */
function armError(status: number, body: unknown, headers: Record<string, string> = {}): RestError {
  const { error } = ZArmError.parse(body);
  const request = createPipelineRequest({
    url: 'https://management.azure.com/subscriptions/x/providers/Microsoft.CostManagement/query',
  });
  return new RestError(error.message ?? '', {
    code: error.code ?? undefined,
    statusCode: status,
    response: { request, status, headers: createHttpHeaders(headers) },
  });
}

describe('classifyAzureError', () => {
  it.each([
    ['an invalid secret', invalidSecret, /^Azure: clientSecret is wrong for app 11111111-.*Value, not its Secret ID/],
    [
      'an expired secret',
      expiredSecret,
      /^Azure: clientSecret of app 11111111-.* has expired \(AADSTS7000222\)\. Create a new client secret/,
    ],
    ['an unknown client id', unknownClient, /^Azure: clientId 11111111-.* is not an application in tenant 33333333-/],
    ['an unknown tenant', unknownTenant, /^Azure: tenantId 33333333-.* was not found \(AADSTS90002\)/],
  ])('reads %s from Entra ID as AUTH_FAILED naming the value to fix', (_, body, message) => {
    const error = classifyAzureError(identityError(body), ctx);
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(message);
  });

  it.each([
    [
      'AuthorizationFailed',
      403,
      authorizationFailed,
      'CREDENTIAL_REJECTED',
      /assign the Cost Management Reader role on the subscription to the app/,
    ],
    [
      'SubscriptionNotFound',
      404,
      subscriptionNotFound,
      'NOT_FOUND',
      /subscription 00000000-0000-0000-0000-000000000000 was not found/,
    ],
    ['InvalidAuthenticationToken', 401, invalidToken, 'AUTH_FAILED', /refused the app's token/],
    ['BadRequest', 400, badRequest, 'BAD_REQUEST', /Dimension 'Meterr' is invalid/],
    ['429', 429, throttled, 'RATE_LIMITED', /throttling/],
  ])('reads ARM %s (HTTP %i) as %s', (_, status, body, code, message) => {
    const error = classifyAzureError(armError(status, body), ctx);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.status).toBe(status);
  });

  it('takes the largest retry-after header of a 429', () => {
    const headers = {
      'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '3',
      'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after': '11',
    };
    expect(classifyAzureError(armError(429, throttled, headers), ctx).retryAfterMs).toBe(11_000);
  });

  it.each([
    [
      'temporarily_unavailable: Error(s): Not Available - Description: AADSTS50196: loop detected',
      'UPSTREAM_UNAVAILABLE',
    ],
    [
      'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details',
      'UPSTREAM_UNAVAILABLE',
    ],
    ['invalid_grant: Error(s): 50013 - Description: AADSTS50013: Assertion failed signature validation', 'AUTH_FAILED'],
  ])('reads the identity error %j as %s', (message, code) => {
    const error = new Error(message);
    error.name = 'CredentialUnavailableError';
    expect(classifyAzureError(error, ctx).code).toBe(code);
  });

  it('reads an unparsable body and a network error', () => {
    expect(
      classifyAzureError(
        new RestError('Error "SyntaxError" occurred while parsing the response body', {
          code: 'PARSE_ERROR',
          statusCode: 200,
        }),
        ctx,
      ).code,
    ).toBe('INVALID_RESPONSE');
    expect(
      classifyAzureError(new RestError('connect ECONNREFUSED 127.0.0.1:1', { code: 'REQUEST_SEND_ERROR' }), ctx).code,
    ).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('redacts the secret when MSAL echoes request details, and keeps no SDK error as cause', () => {
    const error = classifyAzureError(
      identityError({
        error: 'invalid_request',
        error_description: `AADSTS900023: bad request client_secret=${SECRET}`,
      }),
      ctx,
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('[redacted]');
    expect(error.cause).toBeUndefined();
  });
});
