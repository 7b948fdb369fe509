import { ZOpenRouterCredentials, type OpenRouterCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { OPENROUTER_CAPABILITIES, createOpenRouterAdapter } from './adapter';

/**
 * OpenRouter: daily activity per model (`/activity`, last 30 completed UTC days), split per API
 * key, with the key list; all of it needs a management key. A standard key alone is accepted
 * but verifies as `limited` and syncs nothing.
 */
export const openrouterProvider: ProviderDefinition<OpenRouterCredentials> = {
  id: 'openrouter',
  label: 'OpenRouter',
  credentials: ZOpenRouterCredentials,
  capabilities: OPENROUTER_CAPABILITIES,
  create: (credentials, deps) => createOpenRouterAdapter(credentials, deps),
};
