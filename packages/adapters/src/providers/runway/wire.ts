/**
 * The wire format of Runway as the adapter speaks it: the zod schemas of raw.ts and the other values
 * client and server must agree on. The simulator imports them (`@spendsync/adapters/wire/runway`), so
 * it cannot drift from what the adapter sends and parses.
 */
export { ZRunwayUsedCredit, ZRunwayUsage, ZRunwayOrganization, ZRunwayErrorBody } from './raw';
export type { RunwayUsedCredit, RunwayUsage, RunwayOrganization, RunwayErrorBody } from './raw';
export { RUNWAY_API_VERSION } from './client';
export { RUNWAY_USD_PER_CREDIT } from './map';
