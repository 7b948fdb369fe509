import { ZAnthropicCredentials, type AnthropicCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { ANTHROPIC_CAPABILITIES, createAnthropicAdapter } from './adapter';

/**
 * Anthropic: the Admin API's cost report (per workspace and description) and messages usage
 * report (per workspace, API key and model). Cost is allocated to keys by their tokens.
 */
export const anthropicProvider: ProviderDefinition<AnthropicCredentials> = {
  id: 'anthropic',
  label: 'Anthropic',
  credentials: ZAnthropicCredentials,
  capabilities: ANTHROPIC_CAPABILITIES,
  create: createAnthropicAdapter,
};
