import type { ProviderId } from '@spendsync/domain';
import type { SimulatorFactory } from './provider-simulator';
import { startFalSimulator } from '../providers/fal/simulator';
import { startOpenAiSimulator } from '../providers/openai/simulator';
import { startRunwaySimulator } from '../providers/runway/simulator';
import { startAnthropicSimulator } from '../providers/anthropic/simulator';
import { startAwsBedrockSimulator } from '../providers/aws-bedrock/simulator';
import { startVertexAiSimulator } from '../providers/vertex-ai/simulator';
import { startAzureSimulator } from '../providers/azure/simulator';
import { startLiteLlmSimulator } from '../providers/litellm/simulator';
import { startOpenRouterSimulator } from '../providers/openrouter/simulator';

/** Every provider's simulator (the CLI's `simulate`, the demo mode and the contract tests use these). */
export const simulators: { readonly [K in ProviderId]: SimulatorFactory } = {
  anthropic: startAnthropicSimulator,
  'aws-bedrock': startAwsBedrockSimulator,
  'vertex-ai': startVertexAiSimulator,
  azure: startAzureSimulator,
  fal: startFalSimulator,
  litellm: startLiteLlmSimulator,
  openai: startOpenAiSimulator,
  openrouter: startOpenRouterSimulator,
  runway: startRunwaySimulator,
};

/** The simulator factory for `id`, or an error naming the provider. */
export function getSimulator(id: ProviderId): SimulatorFactory {
  const factory = simulators[id];
  if (!factory) throw new Error(`No simulator is registered for provider "${id}"`);
  return factory;
}
