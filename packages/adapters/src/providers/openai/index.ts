import { ZOpenAiCredentials, type OpenAiCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { OPENAI_CAPABILITIES, createOpenAiAdapter } from './adapter';

/** OpenAI: Organization Admin key; project keys (`sk-proj-…`) are refused by the credential rules. */
export const openaiProvider: ProviderDefinition<OpenAiCredentials> = {
  id: 'openai',
  label: 'OpenAI',
  credentials: ZOpenAiCredentials,
  capabilities: OPENAI_CAPABILITIES,
  create: createOpenAiAdapter,
};
