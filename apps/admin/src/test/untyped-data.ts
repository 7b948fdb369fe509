/**
 * GraphQL arguments and variables as the component tests read them: the fake API checks every
 * request against the contract schema, and the tests' `expect`s check the shapes at run time
 * (typing each resolver's arguments would restate the schema in every test).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the schema and the assertions check these
export type UntypedData = any;
