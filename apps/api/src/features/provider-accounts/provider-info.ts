import type { ProviderDefinition } from '@spendsync/adapters';
import { CREDENTIAL_GUIDES, PROVIDER_IDS, type ProviderId } from '@spendsync/domain';
import type { ProviderInfoObject } from './provider-info.type';

/** The provider's guide (from domain) joined with its adapter's capabilities, when one is registered. */
export function providerInfo(id: ProviderId, definition: ProviderDefinition<unknown> | undefined): ProviderInfoObject {
  const guide = CREDENTIAL_GUIDES[id];
  return {
    id,
    label: guide.label,
    keyType: guide.keyType,
    whereToCreate: guide.whereToCreate,
    dataDelay: guide.dataDelay ?? null,
    limitations: guide.limitations ?? null,
    credentialFields: guide.fields.map((f) => ({
      name: f.name,
      label: f.label,
      secret: f.secret,
      optional: f.optional ?? false,
      placeholder: f.placeholder ?? null,
      help: f.help ?? null,
    })),
    expectedDelayHours: definition?.capabilities.dataDelayHours ?? null,
    available: definition !== undefined,
    reportsRequests: definition?.capabilities.requestCounts ?? null,
    reportsCredits: definition?.capabilities.credits ?? null,
  };
}

/** Every provider, in the domain's order. */
export function allProviderInfo(definitions: {
  readonly [K in ProviderId]?: ProviderDefinition<unknown>;
}): ProviderInfoObject[] {
  return PROVIDER_IDS.map((id) => providerInfo(id, definitions[id]));
}
