/**
 * The `data` of a GraphQL answer when a test names no type for it: the test walks it freely and its
 * `expect`s check the shape at run time (typing every answer would restate the schema in each test).
 * The one loose type of the API tests; the harnesses' `gql<T>` and `exec<T>` take a real type instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: assertions check these shapes
export type UntypedData = any;
