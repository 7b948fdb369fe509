import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { SyncRunProgress } from '../features/sync-runs/sync-run.topics';
import { createProgressView, renderProgressBar } from './sync-progress-bar';

const event = (change: Partial<SyncRunProgress>): SyncRunProgress => ({
  runId: 'r',
  organizationId: 'o',
  providerAccountId: 'a',
  provider: 'openai',
  trigger: 'manual',
  status: 'running',
  phase: 'fetching',
  window: { start: '2026-01-01', end: '2026-02-01' },
  daysDone: 0,
  daysTotal: 31,
  recordsSoFar: 0,
  workspaces: 0,
  apiKeys: 0,
  missingDays: [],
  chunk: { start: '2026-01-01', end: '2026-01-08' },
  message: null,
  at: '2026-02-02T00:00:00.000Z',
  ...change,
});

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('renderProgressBar', () => {
  it.each<[string, Partial<SyncRunProgress>, string]>([
    ['the start', {}, '[........................] 0/31 days · 0 records · fetching 2026-01-01..2026-01-08'],
    [
      'half way, with missing days',
      { daysDone: 16, recordsSoFar: 12345, phase: 'writing', missingDays: ['2026-01-03'] },
      '[############............] 16/31 days · 12,345 records · writing 2026-01-01..2026-01-08 · 1 days missing',
    ],
    [
      'the end',
      { daysDone: 31, phase: 'finished', chunk: null, recordsSoFar: 1_000_000 },
      '[########################] 31/31 days · 1,000,000 records · finished',
    ],
    [
      'an empty window',
      { daysTotal: 0, phase: 'finished', chunk: null },
      '[########################] 0/0 days · 0 records · finished',
    ],
  ])('draws %s', (_name, change, expected) => {
    expect(renderProgressBar(event(change), 200)).toBe(expected);
  });

  it('fits a narrow terminal', () => {
    expect(renderProgressBar(event({}), 30)).toHaveLength(29);
  });
});

describe('createProgressView', () => {
  it('redraws the bar in place on a terminal and prints log lines above it', () => {
    const out = capture(true);
    const view = createProgressView(out.stream);
    view.progress(event({ daysDone: 1 }));
    view.log({ level: 'info', message: 'hello' });
    view.end();
    expect(out.text()).toBe(
      '\r\u001b[2K[#.......................] 1/31 days · 0 records · fetching 2026-01-01..2026-01-08' +
        '\r\u001b[2Kinfo  hello\n[#.......................] 1/31 days · 0 records · fetching 2026-01-01..2026-01-08\n',
    );
  });

  it('prints plain lines, one per phase change, when not a terminal', () => {
    const out = capture(false);
    const view = createProgressView(out.stream);
    view.progress(event({ phase: 'fetching' }));
    view.progress(event({ phase: 'fetching', daysDone: 3 }));
    view.log({ level: 'warn', message: 'slow' });
    view.progress(event({ phase: 'finished', daysDone: 31, chunk: null }));
    expect(out.text().split('\n')).toEqual([
      '[........................] 0/31 days · 0 records · fetching 2026-01-01..2026-01-08',
      'warn  slow',
      '[########################] 31/31 days · 0 records · finished',
      '',
    ]);
    expect(out.text()).not.toContain('\r');
  });
});
