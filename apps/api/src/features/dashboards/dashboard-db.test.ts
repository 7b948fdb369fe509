import { describe, expect, it } from '@jest/globals';
import { allRowsStatement, pageStatement, runPage, type DashboardDb, type DashboardQuery } from './dashboard-db';

const plain: DashboardQuery = { cte: 'WITH rows AS (SELECT 1 AS n)', orderBy: 'ORDER BY n', values: ['x'] };
const paged: DashboardQuery = {
  ...plain,
  values: ['x', 5, 10],
  paged: { offset: 10, limit: 5, total: '(SELECT 42)' },
};

describe('page statements', () => {
  it('pages a plain query itself, counting its rows before the limit', () => {
    expect(pageStatement(plain, { offset: 10, limit: 5 })).toEqual({
      text: expect.stringMatching(
        /count\(\*\) OVER \(\) AS total_count FROM rows ORDER BY n\s+LIMIT \$2::int OFFSET \$3::int$/,
      ),
      values: ['x', 5, 10],
    });
  });

  it('takes a paged query as it is, with its own count, for the page it was built for only', () => {
    expect(pageStatement(paged, { offset: 10, limit: 5 })).toEqual({
      text: 'WITH rows AS (SELECT 1 AS n) SELECT rows.*, (SELECT 42) AS total_count FROM rows ORDER BY n',
      values: ['x', 5, 10],
    });
    expect(() => pageStatement(paged, { offset: 0, limit: 5 })).toThrow(/rows 10 to 15, not the page asked for/);
    expect(() => allRowsStatement(paged)).toThrow(/holds one page/);
  });

  it("counts a page past the end with the query's own count", async () => {
    const seen: string[] = [];
    // a connection that answers the page with no rows, then the count
    const db = {
      query: async (text: string) => {
        seen.push(text);
        return { rows: seen.length === 1 ? [] : [{ total_count: '42' }] };
      },
    } as unknown as DashboardDb;
    const page = await runPage(db, paged, { offset: 10, limit: 5 }, (raw) => raw);
    expect(page).toEqual({ raw: [], rows: [], total: 42 });
    expect(seen[1]).toBe('WITH rows AS (SELECT 1 AS n) SELECT (SELECT 42) AS total_count');
  });
});
