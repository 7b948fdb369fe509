import { ZLiteLlmCredentials, type LiteLlmCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { LITELLM_CAPABILITIES, createLiteLlmAdapter } from './adapter';

/**
 * LiteLLM: the user's own proxy (never hosted by us), read with its master key or a proxy-admin
 * key. Daily spend per key, team and model; how far back depends on the proxy's retention.
 */
export const litellmProvider: ProviderDefinition<LiteLlmCredentials> = {
  id: 'litellm',
  label: 'LiteLLM',
  credentials: ZLiteLlmCredentials,
  capabilities: LITELLM_CAPABILITIES,
  create: (credentials, deps) => createLiteLlmAdapter(credentials, deps),
};
