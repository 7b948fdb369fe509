import { describe, expect, it } from '@jest/globals';
import { paginate } from './paginate';
import { catchAdapterError } from './testing/contract-helpers';

type Page = { items: number[]; next: string | null | undefined };

async function collect(
  pages: Record<string, Page>,
  maxPages = 10,
): Promise<{ items: number[]; cursors: (string | undefined)[] }> {
  const cursors: (string | undefined)[] = [];
  const items: number[] = [];
  const walk = paginate<Page>({
    provider: 'openai',
    label: 'Test',
    maxPages,
    fetchPage: async (cursor) => {
      cursors.push(cursor);
      const page = pages[cursor ?? 'first'];
      if (!page) throw new Error(`no page ${cursor}`);
      return page;
    },
    nextCursor: (page) => page.next,
  });
  for await (const page of walk) items.push(...page.items);
  return { items, cursors };
}

describe('paginate', () => {
  it('follows cursors until there is none, in order', async () => {
    const pages = { first: { items: [1, 2], next: 'b' }, b: { items: [3], next: 'c' }, c: { items: [4], next: null } };
    await expect(collect(pages)).resolves.toEqual({ items: [1, 2, 3, 4], cursors: [undefined, 'b', 'c'] });
  });

  it.each([null, undefined, ''])('treats a %j cursor as the end', async (end) => {
    await expect(collect({ first: { items: [1], next: end } })).resolves.toEqual({ items: [1], cursors: [undefined] });
  });

  it('stops with INVALID_RESPONSE when a cursor repeats', async () => {
    const pages = { first: { items: [1], next: 'a' }, a: { items: [2], next: 'b' }, b: { items: [3], next: 'a' } };
    const error = await catchAdapterError(collect(pages), 'INVALID_RESPONSE');
    expect(error.message).toBe('Test: paging did not end (a cursor repeated); stopped to avoid an endless loop');
  });

  it('stops with INVALID_RESPONSE after maxPages pages of new cursors', async () => {
    const pages: Record<string, Page> = { first: { items: [0], next: 'p1' } };
    for (let i = 1; i < 20; i++) pages[`p${i}`] = { items: [i], next: `p${i + 1}` };
    const error = await catchAdapterError(collect(pages, 5), 'INVALID_RESPONSE');
    expect(error.message).toMatch(/more than 5 pages/);
  });

  it('allows exactly maxPages pages', async () => {
    const pages = { first: { items: [1], next: 'b' }, b: { items: [2], next: 'c' }, c: { items: [3], next: null } };
    await expect(collect(pages, 3)).resolves.toMatchObject({ items: [1, 2, 3] });
  });
});
