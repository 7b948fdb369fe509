/**
 * The wire format of OpenRouter as the adapter speaks it: the zod schemas of raw.ts and the other
 * values client and server must agree on. The simulator imports them
 * (`@spendsync/adapters/wire/openrouter`), so it cannot drift from what the adapter sends and parses.
 */
export { ZKeyInfo, ZCredits, ZActivityRow, ZActivity, ZApiKey, ZKeysPage, ZErrorBody } from './raw';
export type { KeyInfo, Credits, ActivityRow, ApiKey } from './raw';
export { ACTIVITY_WINDOW_DAYS } from './window';
