import { addDays, startOfDay, type Day } from './day';
import type { ProviderId } from './provider-id';

/** Billing agreement of an Azure account; EA and MCA data lands faster than pay-as-you-go. */
export type AzureAgreement = 'PAYG' | 'EA' | 'MCA';

/**
 * Hours after the end of a UTC day until a provider stops revising that day's figures.
 * Sources (shared/providers/*.md and the provider docs quoted there):
 * - vertex-ai 48: the BigQuery export "usually within a day, sometimes later"; 48 h as in issue 16.
 * - azure 72 (pay-as-you-go; 24 for EA/MCA, see {@link billingDelayHours}): Cost Management refreshes
 *   about every 4 h; Microsoft's "8–24 h EA/MCA, up to 72 h PAYG" guidance.
 * - aws-bedrock 48: Cost Explorer marks days `Estimated` for about 24–48 h (the delay is inferred).
 * - anthropic 1: "typically appears within 5 minutes, sometimes later" (docs); 1 h margin assumed.
 * - openai 24: not documented (the current UTC day is partial, closed days may be revised); observed/inferred.
 * - openrouter 24, runway 24: not documented; measured/assumed.
 * - fal 1: observed 1–2 minutes, not documented; measured/assumed.
 * - litellm 1: self-hosted, spend rows written in batches of seconds; measured/assumed.
 * The adapters' `capabilities.dataDelayHours` carry the same figures (a test keeps them equal).
 */
export const BILLING_DELAY_HOURS: { readonly [P in ProviderId]: number } = {
  openai: 24,
  anthropic: 1,
  'aws-bedrock': 48,
  'vertex-ai': 48,
  azure: 72,
  fal: 1,
  runway: 24,
  openrouter: 24,
  litellm: 1,
};

/** Azure EA and MCA agreements publish usage within about 24 h. */
const AZURE_AGREEMENT_DELAY_HOURS = 24;

/** The provider's billing delay for one account; an Azure account that names EA or MCA gets 24 h. */
export function billingDelayHours(provider: ProviderId, azureAgreement?: AzureAgreement | null): number {
  if (provider === 'azure' && (azureAgreement === 'EA' || azureAgreement === 'MCA')) return AZURE_AGREEMENT_DELAY_HOURS;
  return BILLING_DELAY_HOURS[provider];
}

/** The instant from which a day is old enough to be final: its end (next UTC midnight) plus the delay. */
export function settlesAt(day: Day, delayHours: number): Date {
  return new Date(startOfDay(addDays(day, 1)).getTime() + delayHours * 3_600_000);
}

/** What decides whether one account's day is settled. */
export type DaySettlementInput = {
  day: Day;
  delayHours: number;
  /** When a successful sync last re-read (replaced) this day; null if never. */
  lastReadAt: Date | null;
  now: Date;
};

/**
 * A day is settled when it is older than the provider's billing delay AND a successful sync
 * re-read it after that moment; otherwise it is provisional (the provider may still revise it).
 * This is the rule to use everywhere (dashboards, anomalies, budgets) instead of comparing with
 * `dataCompleteThrough`, which only says the day was fetched once.
 */
export function isDaySettled(input: DaySettlementInput): boolean {
  const final = settlesAt(input.day, input.delayHours);
  return (
    input.now.getTime() >= final.getTime() && input.lastReadAt !== null && input.lastReadAt.getTime() >= final.getTime()
  );
}

/** One day's last successful read. */
export type DayRead = { day: Day; readAt: Date };

/**
 * The account's settled-through day (exclusive, like `dataCompleteThrough`): every read day
 * before it is settled, counted from the oldest read day without a gap. Null when the oldest
 * read day is not settled yet (or nothing was read).
 */
export function settledThrough(reads: readonly DayRead[], delayHours: number, now: Date): Day | null {
  const sorted = [...reads].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let through: Day | null = null;
  for (const read of sorted) {
    if (through !== null && read.day !== through) break;
    if (!isDaySettled({ day: read.day, delayHours, lastReadAt: read.readAt, now })) break;
    through = addDays(read.day, 1);
  }
  return through;
}
