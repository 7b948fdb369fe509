import { describe, expect, it } from '@jest/globals';
import { overviewLinkFor } from './anomaly-links';

describe('overviewLinkFor', () => {
  const anomaly = { day: '2026-03-10', provider: 'AWS_BEDROCK' };

  it.each([
    [
      { dimension: 'API_KEY', key: 'key_1', label: 'sk-…abcd' },
      '/overview/api-keys?providers=aws-bedrock&start=2026-02-24&end=2026-03-11&search=sk-%E2%80%A6abcd',
    ],
    [
      { dimension: 'MODEL', key: 'nova-pro', label: 'nova-pro' },
      '/overview/models?providers=aws-bedrock&start=2026-02-24&end=2026-03-11&search=nova-pro',
    ],
    [
      { dimension: 'WORKSPACE', key: 'Search', label: 'Search' },
      '/overview/workspaces?providers=aws-bedrock&start=2026-02-24&end=2026-03-11&workspaces=Search',
    ],
    [
      { dimension: 'MODEL', key: null, label: 'other' },
      '/overview/models?providers=aws-bedrock&start=2026-02-24&end=2026-03-11',
    ],
  ] as const)('returns the Overview tab filtered to the driver and the two weeks up to the day (%o)', (driver, url) => {
    expect(overviewLinkFor(anomaly, driver)).toBe(url);
  });

  it('leaves the provider filter out for an anomaly across providers', () => {
    expect(
      overviewLinkFor({ day: '2026-01-01', provider: null }, { dimension: 'MODEL', key: 'gpt-4o', label: 'gpt-4o' }),
    ).toBe('/overview/models?start=2025-12-18&end=2026-01-02&search=gpt-4o');
  });
});
