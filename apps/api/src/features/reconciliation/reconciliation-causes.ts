/**
 * Why billed and metered cost differ. Every day, key and model of the period is given to exactly
 * one cause, in this order of precedence (see `explainGap`).
 */
export const GAP_CAUSES = [
  'uninstrumented_keys',
  'unmetered_models',
  'unmatched_metered',
  'provisional_days',
  'price_differences',
  'credits',
  'unexplained',
] as const;
export type GapCause = (typeof GAP_CAUSES)[number];

/** What a cause's amount is made of: a key, a model, a provider (credits) or a day (provisional). */
export const GAP_ENTITY_KINDS = ['api_key', 'model', 'provider', 'day'] as const;
export type GapEntityKind = (typeof GAP_ENTITY_KINDS)[number];

/** What each cause means, for the API's descriptions and the CSV. */
export const GAP_CAUSE_LABELS: Record<GapCause, string> = {
  uninstrumented_keys: 'Billed by keys that never report metered usage',
  unmetered_models: 'Billed for models the metering never saw',
  unmatched_metered: 'Metered usage with no matching billed key or model',
  provisional_days: 'Provisional days: the billed side is not settled yet',
  price_differences: "Metered cost estimates vs the provider's price for the same usage",
  credits: 'Credits applied by the provider',
  unexplained: 'Fits no other cause',
};
