import type { ProviderId } from '@spendsync/domain';

/**
 * Who stands behind one provider's charges in FOCUS 1.3 terms (participating entities):
 * the service it sells, the entity that makes it available, the entity whose infrastructure
 * runs it and the entity that invoices it. All four columns are Mandatory and not null in 1.3.
 */
export type FocusProvider = {
  /** ServiceName: the offering as the provider names it. */
  serviceName: string;
  /** ServiceProviderName (1.3) and the deprecated ProviderName / PublisherName. */
  serviceProviderName: string;
  /**
   * HostProviderName (introduced in 1.3). A provider that does not tell the customer where it
   * runs is its own host ("MAY equal ServiceProviderName when the service provider does not
   * provide visibility into the underlying hosting provider").
   */
  hostProviderName: string;
  /** InvoiceIssuerName: who sends the invoice the BilledCost adds up to. */
  invoiceIssuerName: string;
};

/**
 * One entry per provider; the compiler rejects a missing one. OpenRouter routes each request to
 * one of many hosts but its billing data does not say which, so it is its own host. LiteLLM is
 * a self-hosted proxy: its spend is the proxy's own accounting of upstream prices, not an
 * invoice (README: don't add it to the upstream providers' own FOCUS data, or it counts twice).
 */
export const FOCUS_PROVIDERS = {
  openai: {
    serviceName: 'OpenAI API',
    serviceProviderName: 'OpenAI',
    hostProviderName: 'OpenAI',
    invoiceIssuerName: 'OpenAI',
  },
  anthropic: {
    serviceName: 'Claude API',
    serviceProviderName: 'Anthropic',
    hostProviderName: 'Anthropic',
    invoiceIssuerName: 'Anthropic',
  },
  'aws-bedrock': {
    serviceName: 'Amazon Bedrock',
    serviceProviderName: 'Amazon Web Services',
    hostProviderName: 'Amazon Web Services',
    invoiceIssuerName: 'Amazon Web Services',
  },
  'vertex-ai': {
    serviceName: 'Vertex AI',
    serviceProviderName: 'Google Cloud',
    hostProviderName: 'Google Cloud',
    invoiceIssuerName: 'Google Cloud',
  },
  azure: {
    serviceName: 'Azure OpenAI',
    serviceProviderName: 'Microsoft',
    hostProviderName: 'Microsoft',
    invoiceIssuerName: 'Microsoft',
  },
  fal: { serviceName: 'fal Model APIs', serviceProviderName: 'fal', hostProviderName: 'fal', invoiceIssuerName: 'fal' },
  runway: {
    serviceName: 'Runway API',
    serviceProviderName: 'Runway',
    hostProviderName: 'Runway',
    invoiceIssuerName: 'Runway',
  },
  openrouter: {
    serviceName: 'OpenRouter API',
    serviceProviderName: 'OpenRouter',
    hostProviderName: 'OpenRouter',
    invoiceIssuerName: 'OpenRouter',
  },
  litellm: {
    serviceName: 'LiteLLM Proxy',
    serviceProviderName: 'LiteLLM',
    hostProviderName: 'LiteLLM',
    invoiceIssuerName: 'LiteLLM',
  },
} as const satisfies { [K in ProviderId]: FocusProvider };

/** The entry for a provider id read from the database; throws on an id this build does not know. */
export function focusProviderOf(provider: string): FocusProvider {
  const entry = Object.hasOwn(FOCUS_PROVIDERS, provider) ? FOCUS_PROVIDERS[provider as ProviderId] : undefined;
  if (!entry) throw new Error(`No FOCUS entry for provider "${provider}"`);
  return entry;
}
