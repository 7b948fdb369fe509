import { describe, expect, it } from '@jest/globals';
import type { ProviderAccountRecord } from '../../data-provider/records';
import { buildAccount, buildRun } from '../../test/builders';
import { describeFreshness } from './freshness';

const NOW = new Date('2026-11-27T12:00:00Z');

function account(
  overrides: Partial<ProviderAccountRecord> = {},
  info: Partial<ProviderAccountRecord['info']> = {},
): ProviderAccountRecord {
  const base = buildAccount({ lastSyncedAt: '2026-11-27T11:00:00Z' });
  return {
    ...base,
    spend: null,
    credits: null,
    net: null,
    coverage: null,
    ...overrides,
    info: { ...base.info, ...info },
  };
}

const vertex = { label: 'Google Vertex AI', expectedDelayHours: 48, dataDelay: '24–48 h' };
const azure = {
  label: 'Azure OpenAI',
  expectedDelayHours: 72,
  dataDelay: '8–24 h (EA/MCA), up to 72 h (pay-as-you-go); credits are not included',
};
const openai = { label: 'OpenAI', expectedDelayHours: 1, dataDelay: null };

describe('describeFreshness', () => {
  it('says a succeeded sync that found no billing data needs attention, with the message and the key type to use, never "Up to date"', () => {
    const attention = [
      {
        kind: 'NO_BILLING_DATA' as const,
        message: 'OpenAI accepted the credential but returned no billing data.',
        fix: 'Billing data needs: Organization Admin key (sk-admin-…).',
      },
    ];
    const result = describeFreshness(
      account({ dataCompleteThrough: '2026-11-27', lastError: attention[0]!.message, attention }, openai),
      NOW,
    );
    expect(result).toEqual({
      severity: 'warning',
      headline: 'Needs attention · synced 1 hour ago',
      detail:
        'OpenAI accepted the credential but returned no billing data. Fix: Billing data needs: Organization Admin key (sk-admin-…).',
      canRetry: false,
    });
  });

  it.each([
    ['Vertex AI two days behind', vertex, '2026-11-25'],
    ['Azure three days behind', azure, '2026-11-24'],
  ])('explains %s as the normal delay, not a fault', (_name, info, through) => {
    const result = describeFreshness(account({ dataCompleteThrough: through }, info), NOW);
    expect(result.severity).toBe('info');
    expect(result.canRetry).toBe(false);
    expect(result.detail).toMatch(/^Normal for .* up to \d+ h late.*not a fault\.$/);
    expect(result.detail).toContain(info.label);
  });

  it('names the last complete day (the day before complete-through)', () => {
    expect(describeFreshness(account({ dataCompleteThrough: '2026-11-25' }, vertex), NOW).headline).toMatch(
      /^Complete through Nov 24, 2026 · synced 1 hour ago$/,
    );
  });

  it.each([
    ['a fast provider', openai],
    ['Vertex AI', vertex],
  ])('says %s with every day before today is up to date', (_name, info) => {
    expect(describeFreshness(account({ dataCompleteThrough: '2026-11-27' }, info), NOW)).toEqual({
      severity: 'success',
      headline: 'Up to date · synced 1 hour ago',
      detail: null,
      canRetry: false,
    });
  });

  it.each([
    ['a fast provider four days behind', openai, '2026-11-23'],
    ['Vertex AI five days behind', vertex, '2026-11-22'],
  ])('warns when %s is later than its usual delay', (_name, info, through) => {
    const result = describeFreshness(account({ dataCompleteThrough: through }, info), NOW);
    expect(result).toMatchObject({ severity: 'warning', canRetry: true });
    expect(result.detail).toMatch(/later than/);
  });

  it('shows a failed last sync with its reason and a retry', () => {
    const lastRun = buildRun({
      status: 'FAILED',
      error: 'OpenAI refused the Admin key (401).',
      finishedAt: '2026-11-27T11:30:00Z',
    });
    expect(describeFreshness(account({ lastRun, status: 'ERROR' }), NOW)).toEqual({
      severity: 'error',
      headline: 'Last sync failed 30 minutes ago',
      detail: 'OpenAI refused the Admin key (401).',
      canRetry: true,
    });
  });

  it('shows a partial last sync with the days it missed', () => {
    const lastRun = buildRun({
      status: 'PARTIAL',
      missingDays: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'],
      error: 'Rate limited.',
    });
    const result = describeFreshness(account({ lastRun }), NOW);
    expect(result).toMatchObject({ severity: 'warning', canRetry: true });
    expect(result.detail).toBe(
      '4 days could not be fetched (Nov 20, 2026, Nov 21, 2026, Nov 22, 2026 and 1 more); the next sync retries them first. Rate limited.',
    );
  });

  it.each([
    ['syncing', { activeRun: buildRun({ status: 'RUNNING' }) }, 'Syncing now'],
    ['never synced', { lastSyncedAt: null, lastRun: null }, 'Not synced yet'],
    ['unlinked', { status: 'DISCONNECTED' as const }, 'Unlinked · its data is kept but no longer synced'],
  ])('describes an account that is %s', (_name, overrides, headline) => {
    expect(describeFreshness(account(overrides), NOW).headline).toBe(headline);
  });
});
