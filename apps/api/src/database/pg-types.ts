import pg from 'pg';

const DATE = 1082;
const DATE_ARRAY = 1182;
const TEXT_ARRAY = 1009 as unknown as Parameters<typeof pg.types.getTypeParser>[0]; // not in pg-types' builtin list

/**
 * Type parsers for our connections: `date` and `date[]` stay `YYYY-MM-DD` strings (our `Day`)
 * instead of becoming local-midnight `Date`s that shift with the process time zone.
 * `numeric` and `bigint` already arrive as strings, which the column transformers turn into
 * `Money` and checked numbers. Scoped to our pools, so other `pg` users are unaffected.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE) return (value: string) => value;
    if (oid === DATE_ARRAY) return pg.types.getTypeParser(TEXT_ARRAY, format);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};
