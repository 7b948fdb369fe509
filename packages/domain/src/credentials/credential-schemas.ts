import type { z } from 'zod';
import type { ProviderId } from '../provider-id';
import { ZAnthropicCredentials, type AnthropicCredentials } from './anthropic';
import { ZAwsBedrockCredentials, type AwsBedrockCredentials } from './aws-bedrock';
import { ZAzureCredentials, type AzureCredentials } from './azure';
import { ZFalCredentials, type FalCredentials } from './fal';
import { ZLiteLlmCredentials, type LiteLlmCredentials } from './litellm';
import { ZOpenAiCredentials, type OpenAiCredentials } from './openai';
import { ZOpenRouterCredentials, type OpenRouterCredentials } from './openrouter';
import { ZRunwayCredentials, type RunwayCredentials } from './runway';
import { ZVertexAiCredentials, type VertexAiCredentials } from './vertex-ai';

/** The validated credentials of each provider, as the adapters receive them. */
export type ProviderCredentials = {
  openai: OpenAiCredentials;
  anthropic: AnthropicCredentials;
  'aws-bedrock': AwsBedrockCredentials;
  'vertex-ai': VertexAiCredentials;
  azure: AzureCredentials;
  fal: FalCredentials;
  runway: RunwayCredentials;
  openrouter: OpenRouterCredentials;
  litellm: LiteLlmCredentials;
};

/** Credentials of any provider. */
export type AnyProviderCredentials = ProviderCredentials[ProviderId];

/** One credential schema per provider; the compiler rejects a missing provider. */
export const CREDENTIAL_SCHEMAS: { readonly [K in ProviderId]: z.ZodType<ProviderCredentials[K]> } = {
  openai: ZOpenAiCredentials,
  anthropic: ZAnthropicCredentials,
  'aws-bedrock': ZAwsBedrockCredentials,
  'vertex-ai': ZVertexAiCredentials,
  azure: ZAzureCredentials,
  fal: ZFalCredentials,
  runway: ZRunwayCredentials,
  openrouter: ZOpenRouterCredentials,
  litellm: ZLiteLlmCredentials,
};
