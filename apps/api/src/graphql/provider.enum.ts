import { PROVIDER_IDS, type ProviderId } from '@spendsync/domain';
import { registerEnumType } from 'type-graphql';

/** GraphQL enum name of a provider id: `aws-bedrock` → `AWS_BEDROCK`. */
export const providerEnumName = (id: ProviderId) => id.toUpperCase().replace(/-/g, '_');

/**
 * The providers as a GraphQL enum (`OPENAI`, `AWS_BEDROCK`…) whose internal values are the
 * provider ids (`openai`, `aws-bedrock`), so resolvers only ever see `ProviderId`s.
 */
export const ProviderEnum = Object.fromEntries(PROVIDER_IDS.map((id) => [providerEnumName(id), id])) as Record<
  string,
  ProviderId
>;

// Not `Provider`: another team's partial enum of that name would not compose with ours.
registerEnumType(ProviderEnum, {
  name: 'SpendsyncProvider',
  description: 'An AI provider spendsync can read billing data from.',
});
