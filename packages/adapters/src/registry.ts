import type { ProviderId } from '@spendsync/domain';
import type { ProviderDefinition } from './adapter';

/**
 * Every provider's definition, written out by hand. One line per provider; when all nine are
 * here the type becomes exhaustive so the compiler rejects a missing one.
 */
export const providers: { readonly [K in ProviderId]?: ProviderDefinition<any> } = {
};

/** The definition for `id`, or an error naming the provider when it has no adapter yet. */
export function getProvider(id: ProviderId): ProviderDefinition<any> {
  const definition = providers[id];
  if (!definition) throw new Error(`No adapter is registered for provider "${id}"`);
  return definition;
}
