import type { Day, Money, ProviderId } from '@spendsync/domain';

/**
 * Which key a line belongs to. `id` is the identity both sides share: `key:<api key id>` for a
 * synced key, `ext:<account>:<provider's key id>` for a billed key the directory does not hold,
 * `hint:<provider>:<hint>` for a report whose hint matched no synced key, `none:<provider>` for
 * traffic with no key at all.
 */
export type KeyRef = {
  id: string;
  apiKeyId: string | null;
  providerAccountId: string | null;
  externalId: string | null;
  /** How people know the key: its hint, else its name or external id; null for `none:`. */
  label: string | null;
};

/** Usage as either side counts it; null is unknown (never zero). */
export type Usage = { tokens: bigint | null; requests: bigint | null; units: Money | null };

/** One day of one key's billed use of one model (cost records summed). */
export type BilledLine = {
  day: Day;
  provider: ProviderId;
  key: KeyRef;
  model: string;
  /** Gross billed cost. */
  cost: Money;
  /** Credits applied (positive: they lower what is paid). */
  credits: Money;
  /** The provider may still revise this day (on or after its account's settled-through day). */
  provisional: boolean;
  usage: Usage;
};

/** One day of one key's metered use of one model (reports summed). */
export type MeteredLine = {
  day: Day;
  provider: ProviderId;
  key: KeyRef;
  model: string;
  /** The applications' own cost estimate; null when some report of the line sent none. */
  cost: Money | null;
  /** The part of `cost` that is known (reports that sent an estimate). */
  knownCost: Money;
  /** The billed side of this day is not settled (for the key's account, or every account of the provider). */
  provisional: boolean;
  usage: Usage;
};
