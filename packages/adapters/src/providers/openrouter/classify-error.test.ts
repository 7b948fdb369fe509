import { describe, expect, it } from '@jest/globals';
import creditsFixture from './fixtures/credits.json';
import managementOnly from './fixtures/error-management-only.json';
import missingAuth from './fixtures/error-missing-auth.json';
import rateLimit from './fixtures/error-rate-limit.json';
import keyManagement from './fixtures/key-management.json';
import keyStandard from './fixtures/key-standard.json';
import { classifyOpenRouterError, parseRateLimitReset } from './classify-error';
import { ZCredits, ZErrorBody, ZKeyInfo } from './raw';
import { activityWindow, splitByWindow } from './window';

const NOW = Date.parse('2025-03-07T00:00:00Z');
const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  body,
  text: JSON.stringify(body),
  headers: new Headers(headers),
});

describe('classifyOpenRouterError', () => {
  it.each([
    [
      403,
      managementOnly,
      'management key',
      'CREDENTIAL_REJECTED',
      /^Only management keys can perform this operation\. .*Settings → Management Keys/,
    ],
    [
      401,
      missingAuth,
      'management key',
      'AUTH_FAILED',
      /^Missing Authentication header\. Check that the management key is complete/,
    ],
    [401, { error: { code: 401, message: 'User not found.' } }, 'API key', 'AUTH_FAILED', /Check that the API key/],
    [
      403,
      { error: { code: 403, message: 'Key is disabled' } },
      'API key',
      'CREDENTIAL_REJECTED',
      /^Key is disabled\. The API key is not allowed/,
    ],
  ])('maps HTTP %i %j (%s) to %s', (status, body, role, code, message) => {
    const result = classifyOpenRouterError(response(status, body), role as 'API key' | 'management key', NOW);
    expect(result?.code).toBe(code);
    expect(result?.message).toMatch(message);
  });

  it('reads the wait of a 429 from X-RateLimit-Reset', () => {
    const result = classifyOpenRouterError(
      response(429, rateLimit, { 'X-RateLimit-Reset': String(NOW + 4000) }),
      'management key',
      NOW,
    );
    expect(result).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 4000 });
  });

  it('leaves other statuses to the shared classification', () => {
    expect(
      classifyOpenRouterError(response(502, { error: { code: 502, message: 'bad gateway' } }), 'API key', NOW),
    ).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it.each([
    [String(NOW + 1500), 1500],
    [String(NOW / 1000 + 3), 3000],
    ['2', 2000],
    [String(NOW - 5000), 0],
    ['soon', undefined],
    ['', undefined],
  ])('reads %p as %p ms', (value, expected) => {
    expect(parseRateLimitReset(new Headers({ 'x-ratelimit-reset': value }), NOW)).toBe(expected);
  });
});

describe('raw schemas', () => {
  it('reads both key types of GET /key, the deprecated is_provisioning_key included', () => {
    expect(ZKeyInfo.parse(keyStandard).data).toMatchObject({ is_management_key: false, usage: 0.65017511 });
    expect(ZKeyInfo.parse(keyManagement).data).toMatchObject({ is_provisioning_key: true });
  });

  it('reads credits and the error envelope', () => {
    expect(ZCredits.parse(creditsFixture).data).toEqual({ total_credits: 100.5, total_usage: 25.75 });
    expect(ZErrorBody.parse(rateLimit).error.metadata).toMatchObject({ error_type: 'rate_limit_exceeded' });
  });
});

describe('splitByWindow', () => {
  const window = activityWindow(new Date('2026-02-01T13:00:00Z'));

  it('returns the last 30 completed UTC days, today excluded', () => {
    expect(window).toEqual({ start: '2026-01-02', end: '2026-02-01' });
  });

  it.each([
    [
      { start: '2026-01-10', end: '2026-01-12' },
      { inside: { start: '2026-01-10', end: '2026-01-12' }, tooOld: null, notComplete: null },
    ],
    [
      { start: '2025-12-30', end: '2026-01-03' },
      {
        inside: { start: '2026-01-02', end: '2026-01-03' },
        tooOld: { start: '2025-12-30', end: '2026-01-02' },
        notComplete: null,
      },
    ],
    [
      { start: '2026-01-31', end: '2026-02-03' },
      {
        inside: { start: '2026-01-31', end: '2026-02-01' },
        tooOld: null,
        notComplete: { start: '2026-02-01', end: '2026-02-03' },
      },
    ],
    [
      { start: '2025-11-01', end: '2025-11-05' },
      { inside: null, tooOld: { start: '2025-11-01', end: '2025-11-05' }, notComplete: null },
    ],
    [
      { start: '2026-01-10', end: '2026-01-10' },
      { inside: null, tooOld: null, notComplete: null },
    ],
  ])('splits %p', (range, expected) => {
    expect(splitByWindow(range, window)).toEqual(expected);
  });
});
