/**
 * The wire format of Azure Cost Management and Entra ID as the adapter speaks it: the zod schemas of
 * raw.ts and the other values client and server must agree on. The simulator imports them
 * (`@spendsync/adapters/wire/azure`), so it cannot drift from what the adapter sends and parses.
 */
export { ZQueryColumn, ZQueryPage, ZQueryWireBody, ZArmError, ZEntraError } from './raw';
export type { QueryColumn, QueryPage, ArmError, EntraError } from './raw';
export { buildCostQuery } from './query';
