import { describe, expect, it } from '@jest/globals';
import { readLiteLlmErrorMessage } from './error-message';
import invalidKey from './fixtures/error-invalid-key.json';
import missingDates from './fixtures/error-missing-dates.json';

describe('readLiteLlmErrorMessage', () => {
  it.each<[string, unknown, string]>([
    ['ProxyException', invalidKey, invalidKey.error.message],
    ['FastAPI detail string', { detail: 'Not Found' }, 'Not Found'],
    ['FastAPI detail.error', missingDates, 'Please provide start_date and end_date'],
    [
      'FastAPI validation list',
      { detail: [{ type: 'le', loc: ['query', 'size'], msg: 'At most 100' }] },
      'At most 100',
    ],
  ])("reads the proxy's own %s envelope", (_name, body, message) => {
    expect(readLiteLlmErrorMessage(body)).toBe(message);
  });

  it.each<[string, unknown]>([
    ['a bare JSON string', 'INTERNAL-ONLY db=hunter2'],
    ['a generic {message}', { message: 'db=hunter2' }],
    ['an {error} string', { error: 'db=hunter2' }],
    ['an error envelope with extra keys', { error: { message: 'db=hunter2', stack: 'at x' } }],
    ['an envelope beside other keys', { error: { message: 'db=hunter2' }, config: { password: 'hunter2' } }],
    ['a detail object of another shape', { detail: { error: 'x', secret: 'hunter2' } }],
    ['no body', undefined],
    ['an array', [{ msg: 'hunter2' }]],
  ])('repeats nothing of %s', (_name, body) => {
    expect(readLiteLlmErrorMessage(body)).toBeUndefined();
  });
});
