import { describe, expect, it } from '@jest/globals';
import { readAzureRetryAfter } from './retry-after';

const NOW = Date.parse('2025-06-03T08:00:00Z');

describe('readAzureRetryAfter', () => {
  it.each([
    [{ 'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '4' }, 4000],
    [
      {
        'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '2',
        'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after': '7',
      },
      7000,
    ],
    [{ 'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after': '3', 'Retry-After': '1' }, 3000],
    [
      {
        'x-ms-ratelimit-microsoft.costmanagement-client-retry-after': '1',
        'x-ms-ratelimit-microsoft.consumption-retry-after': '9',
      },
      9000,
    ],
    [{ 'x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after': '5' }, 5000],
    [{ 'retry-after': 'Tue, 03 Jun 2025 08:00:10 GMT' }, 10_000],
    [{ 'retry-after-ms': '1500', 'retry-after': '1' }, 1500],
    [{ 'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '', 'retry-after': 'soon' }, undefined],
    [{ 'x-ms-ratelimit-microsoft.costmanagement-qpu-consumed': '3' }, undefined],
  ])('reads %j as %s ms, the largest wait any header asks for', (headers, expected) => {
    expect(readAzureRetryAfter(new Headers(headers), NOW)).toBe(expected);
  });
});
