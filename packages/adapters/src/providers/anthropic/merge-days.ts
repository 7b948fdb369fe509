import { dayOf, type Day } from '@spendsync/domain';
import { AdapterError } from '../../errors';
import type { ReportPage } from './raw';

/** Both reports' results for one day. */
export type MergedDay<U, C> = { day: Day; usage: U[]; cost: C[] };

type Side<T> = { pages: AsyncIterator<ReportPage<T>>; byDay: Map<Day, T[]>; latest: Day; done: boolean };

const open = <T>(pages: AsyncIterable<ReportPage<T>>): Side<T> => ({
  pages: pages[Symbol.asyncIterator](),
  byDay: new Map(),
  latest: '',
  done: false,
});

async function advance<T>(side: Side<T>, emitted: Day): Promise<void> {
  const next = await side.pages.next();
  if (next.done) {
    side.done = true;
    return;
  }
  for (const bucket of next.value.data) {
    const day = dayOf(new Date(bucket.starting_at));
    // A day already handed out cannot grow again; its records would repeat.
    if (day <= emitted)
      throw new AdapterError(
        'anthropic',
        'INVALID_RESPONSE',
        `Anthropic: report buckets arrived out of order (${day} after ${emitted})`,
      );
    side.byDay.set(day, [...(side.byDay.get(day) ?? []), ...bucket.results]);
    if (day > side.latest) side.latest = day;
  }
}

/**
 * Walks two day-bucketed reports side by side and yields each day once both are complete for
 * it: a day is complete on one side when that side has moved past it or ended. Only a page or
 * two of each report is held at a time, however long the range.
 */
export async function* mergeReportsByDay<U, C>(
  usage: AsyncIterable<ReportPage<U>>,
  cost: AsyncIterable<ReportPage<C>>,
): AsyncGenerator<MergedDay<U, C>[]> {
  const u = open(usage);
  const c = open(cost);
  let emitted = '';
  try {
    while (!u.done || !c.done) {
      // Pull from the side that is behind, so neither runs ahead and piles up days.
      if (!u.done && (c.done || u.latest <= c.latest)) await advance(u, emitted);
      else await advance(c, emitted);
      const ready = (d: Day) => (u.done || d < u.latest) && (c.done || d < c.latest);
      const days = [...new Set([...u.byDay.keys(), ...c.byDay.keys()])].filter(ready).sort();
      if (days.length === 0) continue;
      emitted = days[days.length - 1] as Day;
      yield days.map((day) => {
        const merged = { day, usage: u.byDay.get(day) ?? [], cost: c.byDay.get(day) ?? [] };
        u.byDay.delete(day);
        c.byDay.delete(day);
        return merged;
      });
    }
  } finally {
    await Promise.all([u.pages.return?.(), c.pages.return?.()]);
  }
}
