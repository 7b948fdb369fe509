import { describe, expect, it } from '@jest/globals';
import { backoffDelay, buildUrl, extractErrorMessage, parseRetryAfter, sleep } from './http';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    [{ 'retry-after': '1' }, 1000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '2.5' }, 2500],
    [{ 'retry-after': ' 30 ' }, 30_000],
    [{ 'retry-after': '-4' }, 0],
    [{ 'retry-after': 'Sun, 01 Mar 2026 12:00:05 GMT' }, 5000],
    [{ 'retry-after': 'Sun, 01 Mar 2026 11:59:00 GMT' }, 0],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after-ms': 'soon', 'retry-after': '9' }, 9000],
    [{ 'retry-after': 'later' }, undefined],
    [{ 'retry-after': '' }, undefined],
    [{}, undefined],
  ])('reads %j as %s ms', (headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), NOW)).toBe(expected);
  });
});

describe('buildUrl', () => {
  it.each([
    ['https://api.openai.com/v1', '/organization/costs', 'https://api.openai.com/v1/organization/costs'],
    ['https://api.openai.com/v1/', '/organization/costs', 'https://api.openai.com/v1/organization/costs'],
    ['https://api.openai.com/v1//', 'organization/costs', 'https://api.openai.com/v1/organization/costs'],
    ['http://127.0.0.1:4000', '/v1/x', 'http://127.0.0.1:4000/v1/x'],
    ['https://proxy.example/openai/v1', '/x', 'https://proxy.example/openai/v1/x'],
  ])('keeps the base path of %s', (base, path, expected) => {
    expect(buildUrl(base, path)).toBe(expected);
  });

  it('repeats array params by default and skips null and undefined', () => {
    const url = buildUrl('https://h/v1', '/x', {
      group_by: ['project_id', 'line_item'],
      limit: 7,
      on: true,
      a: null,
      b: undefined,
    });
    expect(url).toBe('https://h/v1/x?group_by=project_id&group_by=line_item&limit=7&on=true');
  });

  it('brackets array params when asked', () => {
    expect(buildUrl('https://h', '/x', { models: ['a', 'b'] }, 'brackets')).toBe(
      'https://h/x?models%5B%5D=a&models%5B%5D=b',
    );
  });

  it('encodes values', () => {
    expect(buildUrl('https://h', '/x', { q: 'a b&c' })).toBe('https://h/x?q=a+b%26c');
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 100, 10_000, 50, 100],
    [2, 100, 10_000, 100, 200],
    [4, 100, 10_000, 400, 800],
    [10, 100, 1_000, 500, 1_000],
    [0, 100, 10_000, 50, 100],
  ])('attempt %i (base %i, cap %i) waits between %i and %i ms', (attempt, baseDelayMs, maxDelayMs, low, high) => {
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(attempt, { baseDelayMs, maxDelayMs });
      expect(delay).toBeGreaterThanOrEqual(low);
      expect(delay).toBeLessThanOrEqual(high);
    }
  });
});

describe('extractErrorMessage', () => {
  it.each([
    [{ error: { message: 'envelope', type: 'x' } }, 'envelope'],
    [{ error: 'bare string' }, 'bare string'],
    [{ error: { error: 'nested' } }, 'nested'],
    [{ message: 'top' }, 'top'],
    [{ Message: 'aws' }, 'aws'],
    [{ detail: 'fastapi' }, 'fastapi'],
    [{ detail: { error: 'litellm' } }, 'litellm'],
    ['text', 'text'],
    ['', undefined],
    [{ other: 1 }, undefined],
    [null, undefined],
  ])('finds the message in %j', (body, expected) => {
    expect(extractErrorMessage(body)).toBe(expected);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('rejects at once for an aborted signal and resolves otherwise', async () => {
    await expect(sleep(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
