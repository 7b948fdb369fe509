import { z } from 'zod';

/** The nine supported providers. The id is also the adapter's folder name. */
export const PROVIDER_IDS = [
  'openai',
  'anthropic',
  'aws-bedrock',
  'vertex-ai',
  'azure',
  'fal',
  'runway',
  'openrouter',
  'litellm',
] as const;

/** One provider's id. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const ZProviderId = z.enum(PROVIDER_IDS, {
  error: () => `Unknown provider; use one of: ${PROVIDER_IDS.join(', ')}`,
});

/** True when `value` names a supported provider. */
export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}
