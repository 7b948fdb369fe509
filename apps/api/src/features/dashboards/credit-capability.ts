import { providers as providerDefinitions } from '@spendsync/adapters';
import { PROVIDER_IDS, type ProviderId } from '@spendsync/domain';
import type { SqlParams } from './dashboard-query';

/**
 * Providers whose billing surface reports credits (adapter capability `credits`). For the others
 * a credit of 0 in the records means "not captured", not "no credits": dashboards show their
 * credits, and the net that depends on them, as null.
 */
export const CREDIT_PROVIDERS: readonly ProviderId[] = PROVIDER_IDS.filter(
  (id) => providerDefinitions[id]?.capabilities.credits,
);

/** True when the provider reports credits. */
export function reportsCredits(provider: ProviderId): boolean {
  return CREDIT_PROVIDERS.includes(provider);
}

/** SQL: true when the provider in `column` reports credits. */
export function reportsCreditsSql(p: SqlParams, column: string): string {
  return `${column} = ANY(${p.add(CREDIT_PROVIDERS, 'text[]')})`;
}
