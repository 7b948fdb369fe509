/** p50/p95 of a list of durations in milliseconds (nearest rank), rounded to 0.01 ms. */
export function percentiles(durations: readonly number[]): { p50: number; p95: number } {
  const sorted = [...durations].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)) };
}

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** How long `compare` goes on past its rounds, and up to how many rounds in all. */
export type CompareBudget = { budgetMs: number; maxRounds: number };

/**
 * Runs `a` and `b` alternately (`warmup` untimed rounds, then `rounds` timed ones), so both see
 * the same cache state and background load. With `budget`, it goes on past `rounds` until the
 * timed rounds have taken `budget.budgetMs` in all (or `budget.maxRounds` rounds): a statement
 * of a few milliseconds gets hundreds of rounds, so its p95 is not one of 20 samples' slowest.
 * `rounds` tells how many it ran.
 */
export async function compare(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  rounds: number,
  warmup = 3,
  budget?: CompareBudget,
) {
  for (let i = 0; i < warmup; i += 1) {
    await a();
    await b();
  }
  const [ta, tb]: [number[], number[]] = [[], []];
  let spent = 0;
  const more = (done: number) =>
    done < rounds || (budget !== undefined && done < budget.maxRounds && spent < budget.budgetMs);
  for (let i = 0; more(i); i += 1) {
    ta.push(await timed(a));
    tb.push(await timed(b));
    spent += ta[i]! + tb[i]!;
  }
  return { a: percentiles(ta), b: percentiles(tb), rounds: ta.length };
}
