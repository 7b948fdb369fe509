import { describe, expect, it } from '@jest/globals';
import { buildProgress, buildRun } from '../../test/builders';
import { describePhase, formatWindow, liveStatus, progressPercent } from './sync-phase';

describe('sync phase words', () => {
  it.each([
    [{ phase: 'QUEUED' as const }, 'Waiting to start'],
    [{ phase: 'VERIFYING' as const }, 'Checking the credential'],
    [
      { phase: 'FETCHING' as const, chunkStart: '2026-11-04', chunkEnd: '2026-11-11' },
      'Fetching Nov 4, 2026 – Nov 10, 2026',
    ],
    [{ phase: 'WRITING' as const, chunkStart: null, chunkEnd: null }, 'Writing'],
    [{ phase: 'FINISHED' as const, status: 'PARTIAL' as const }, 'Partial'],
  ])('describes %j as %p', (overrides, text) => {
    expect(describePhase(buildProgress(overrides))).toBe(text);
  });

  it('shows the last day of a half-open window', () => {
    expect(formatWindow('2026-10-28', '2026-11-27')).toBe('Oct 28, 2026 – Nov 26, 2026');
  });

  it.each([
    [7, 30, 23],
    [30, 30, 100],
    [0, 0, null],
    [31, 30, 100],
  ])('%i of %i days is %p percent', (done, total, percent) => {
    expect(progressPercent({ daysDone: done, daysTotal: total })).toBe(percent);
  });
});

describe('liveStatus', () => {
  it.each([
    [
      'the live event of an active run',
      buildRun({ status: 'QUEUED' }),
      buildProgress({ status: 'RUNNING' }),
      'RUNNING',
    ],
    [
      'the record once it is finished',
      buildRun({ status: 'SUCCEEDED' }),
      buildProgress({ status: 'RUNNING' }),
      'SUCCEEDED',
    ],
    [
      "the record when the event is another run's",
      buildRun({ id: 'run-2', status: 'QUEUED' }),
      buildProgress({ status: 'RUNNING' }),
      'QUEUED',
    ],
    ['the record without events', buildRun({ status: 'RUNNING' }), undefined, 'RUNNING'],
  ])('uses %s', (_name, run, progress, status) => {
    expect(liveStatus(run, progress)).toBe(status);
  });
});
