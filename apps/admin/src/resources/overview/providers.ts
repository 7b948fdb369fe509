/** The providers spendsync syncs, as the API's URL encoding names them (`aws-bedrock`). */
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

/** A provider id (lower-case, as in URLs and CSV exports). */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** The GraphQL `Provider` enum value (`AWS_BEDROCK`). */
export type ProviderEnum = Uppercase<ProviderId extends `${infer A}-${infer B}` ? `${A}_${B}` : ProviderId>;

/** Display names of the providers. */
export const PROVIDER_LABELS: Record<ProviderId, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'aws-bedrock': 'AWS Bedrock',
  'vertex-ai': 'Google Vertex AI',
  azure: 'Azure',
  fal: 'fal.ai',
  runway: 'Runway',
  openrouter: 'OpenRouter',
  litellm: 'LiteLLM',
};

/** True when `value` names a provider. */
export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

/** `aws-bedrock` → `AWS_BEDROCK`. */
export function toProviderEnum(id: ProviderId): ProviderEnum {
  return id.toUpperCase().replace('-', '_') as ProviderEnum;
}

/** `AWS_BEDROCK` → `aws-bedrock`. */
export function fromProviderEnum(value: string): ProviderId {
  return value.toLowerCase().replace('_', '-') as ProviderId;
}

/** The display name of a GraphQL `Provider` value (or of a lower-case id). */
export function providerLabel(value: string): string {
  const id = fromProviderEnum(value);
  return isProviderId(id) ? PROVIDER_LABELS[id] : value;
}
