/**
 * The wire format of fal.ai as the adapter speaks it: the zod schemas of raw.ts and the other values
 * client and server must agree on. The simulator imports them (`@spendsync/adapters/wire/fal`), so it
 * cannot drift from what the adapter sends and parses.
 */
export {
  ZFalUsageLine,
  ZFalUsageBucket,
  ZFalUsagePage,
  ZFalBilling,
  ZFalKey,
  ZFalKeysPage,
  ZFalErrorBody,
} from './raw';
export type {
  FalAmount,
  FalUsageLine,
  FalUsageBucket,
  FalUsagePage,
  FalBilling,
  FalKey,
  FalKeysPage,
  FalErrorBody,
} from './raw';
