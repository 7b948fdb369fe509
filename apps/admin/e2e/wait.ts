import type { Locator, Page } from 'playwright-core';

/**
 * Browser tests wait on states, never sample them: playwright-core has no `expect`, so these are
 * its web-first assertions and `expect.poll`, plus a recorder of what the page showed over time.
 */

/** Options of {@link poll}. */
export type PollOptions = { timeout?: number; interval?: number; message?: string };

/**
 * Reads `read()` until `accept` holds for its value (like Playwright's `expect.poll`) and
 * returns that value; fails after `timeout` with the last value seen.
 */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  options: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 15_000);
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `${options.message ?? 'Condition not met'} within ${options.timeout ?? 15_000} ms; last value: ${JSON.stringify(last)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 100));
  }
}

/** Waits until `locator` matches exactly `count` elements and returns it. */
export async function waitForCount(locator: Locator, count: number, timeout = 15_000): Promise<Locator> {
  await poll(
    () => locator.count(),
    (n) => n === count,
    { timeout, message: `Expected ${count} element(s) for ${String(locator)}` },
  );
  return locator;
}

/**
 * Waits for the first element of `locator` whose text matches `pattern` and returns that
 * element's text (read from the element that matched, not from whichever comes first).
 */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 15_000): Promise<string> {
  const match = locator.filter({ hasText: pattern }).first();
  await match.waitFor({ timeout });
  return (await match.textContent()) ?? '';
}

/** A pattern matching exactly `text` (for {@link waitForText}). */
export const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Waits until the element has `attribute` matching `pattern`; returns the value. */
export async function waitForAttribute(
  locator: Locator,
  attribute: string,
  pattern: RegExp,
  timeout = 15_000,
): Promise<string> {
  return (await poll(
    () => locator.getAttribute(attribute, { timeout }),
    (v) => v !== null && pattern.test(v),
    {
      timeout,
      message: `Expected ${attribute} of ${String(locator)} to match ${pattern}`,
    },
  ))!;
}

/** What {@link recordSyncView} saw while a sync ran. */
export type SyncViewRecord = { percents: string[]; logCountsWhileRunning: number[] };

/**
 * Records, from inside the page, every progress percent and every log-line count the sync
 * screen shows while its run is queued or running: a MutationObserver sees each render, so a
 * run that finishes fast cannot slip between two samples. Call before navigating.
 */
export async function recordSyncView(page: Page): Promise<() => Promise<SyncViewRecord>> {
  await page.addInitScript(() => {
    const seen = { percents: [] as string[], logCountsWhileRunning: [] as number[] };
    (window as unknown as { __syncView: typeof seen }).__syncView = seen;
    const look = () => {
      const percent = document.querySelector('[data-testid="sync-percent"]')?.textContent;
      if (percent && seen.percents[seen.percents.length - 1] !== percent) seen.percents.push(percent);
      const status = document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-status');
      if (status !== 'QUEUED' && status !== 'RUNNING') return;
      const lines = document.querySelectorAll('[data-testid="sync-log"] li').length;
      if (seen.logCountsWhileRunning[seen.logCountsWhileRunning.length - 1] !== lines)
        seen.logCountsWhileRunning.push(lines);
    };
    new MutationObserver(look).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { __syncView: SyncViewRecord }).__syncView);
}

/**
 * Records, from inside the page, the most elements each selector ever matched (a
 * MutationObserver sees every render), so a transient element (a running sync's panel) can be
 * checked after the fact instead of raced. Call before navigating; the reader returns the maxima.
 */
export async function recordMaxCounts(
  page: Page,
  selectors: Record<string, string>,
): Promise<() => Promise<Record<string, number>>> {
  await page.addInitScript((watched: Record<string, string>) => {
    const max: Record<string, number> = Object.fromEntries(Object.keys(watched).map((k) => [k, 0]));
    (window as unknown as { __maxCounts: typeof max }).__maxCounts = max;
    const look = () => {
      for (const [name, selector] of Object.entries(watched))
        max[name] = Math.max(max[name]!, document.querySelectorAll(selector).length);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true });
  }, selectors);
  return () => page.evaluate(() => (window as unknown as { __maxCounts: Record<string, number> }).__maxCounts);
}
