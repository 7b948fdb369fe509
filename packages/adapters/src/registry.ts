import type { ProviderId } from '@spendsync/domain';
import type { ProviderDefinition } from './adapter';
import { falProvider } from './providers/fal';
import { openaiProvider } from './providers/openai';
import { runwayProvider } from './providers/runway';
import { anthropicProvider } from './providers/anthropic';
import { awsBedrockProvider } from './providers/aws-bedrock';
import { vertexAiProvider } from './providers/vertex-ai';
import { azureProvider } from './providers/azure';
import { litellmProvider } from './providers/litellm';
import { openrouterProvider } from './providers/openrouter';

/**
 * Every provider's definition, written out by hand, one line each; the type is exhaustive, so the
 * compiler rejects a missing provider.
 */
export const providers: { readonly [K in ProviderId]: ProviderDefinition<unknown> } = {
  anthropic: anthropicProvider,
  'aws-bedrock': awsBedrockProvider,
  'vertex-ai': vertexAiProvider,
  azure: azureProvider,
  fal: falProvider,
  litellm: litellmProvider,
  openai: openaiProvider,
  openrouter: openrouterProvider,
  runway: runwayProvider,
};

/** The definition for `id`, or an error naming the provider when it has no adapter yet. */
export function getProvider(id: ProviderId): ProviderDefinition<unknown> {
  const definition = providers[id];
  if (!definition) throw new Error(`No adapter is registered for provider "${id}"`);
  return definition;
}
