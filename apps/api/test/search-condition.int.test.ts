import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { containsPattern, searchCondition } from '../src/features/dashboards/dashboard-query';
import { searchField as field, searchText as text } from './support/search-text-arbitraries';
import { testDatabaseUrl } from './test-data-source';

describe('searchCondition (one ILIKE over the joined fields)', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  /** Both conditions over `rows`, for `search`: [joined, one ILIKE per field] per row. */
  async function evaluate(rows: (string | null)[][], search: string): Promise<[boolean, boolean][]> {
    const fields = ['f.a', 'f.b', 'coalesce(f.c, f.a)'];
    const joined = searchCondition(fields, '$2', search);
    const each = `(${fields.map((f) => `${f} ILIKE $2`).join(' OR ')})`;
    const result = await client.query<{ joined: boolean | null; each: boolean | null }>(
      `SELECT ${joined} AS joined, ${each} AS each
       FROM jsonb_to_recordset($1::jsonb) AS f(a text, b text, c text, n int) ORDER BY f.n`,
      [JSON.stringify(rows.map(([a, b, c], n) => ({ a, b, c, n }))), containsPattern(search)],
    );
    return result.rows.map((r) => [r.joined === true, r.each === true]);
  }

  it('matches exactly the rows one ILIKE per field matches, for any fields and term', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 8 }),
        text.filter((t) => t.length > 0),
        async (rows, search) => {
          for (const [joined, each] of await evaluate(rows, search)) expect(joined).toBe(each);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cannot match across two fields', async () => {
    expect(await evaluate([['xab', 'cdy', null]], 'bc')).toEqual([[false, false]]);
    expect(await evaluate([['ÉCOLE', null, null]], 'éco')).toEqual([[true, true]]);
    // A term holding the separator falls back to one ILIKE per field.
    expect(searchCondition(['f.a', 'f.b'], '$1', 'b\u001fc')).toBe('(f.a ILIKE $1 OR f.b ILIKE $1)');
    expect(await evaluate([['ab', 'cd', null]], 'b\u001fc')).toEqual([[false, false]]);
  });
});
