import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { AttentionKind } from './account-attention';

/** Attention kinds as a GraphQL enum (internal values are the stored words). */
export const AttentionKindEnum = {
  NO_BILLING_DATA: 'no_billing_data',
  LIMITED_CREDENTIAL: 'limited_credential',
} as const;
registerEnumType(AttentionKindEnum, {
  name: 'AttentionKind',
  description:
    'NO_BILLING_DATA: the credential authenticated but the last sync found no billing data (likely the wrong key type); ' +
    'LIMITED_CREDENTIAL: the provider check said this credential can sync only part of the data.',
});

/** Something an admin should look at on an account whose syncs do not fail. */
@ObjectType('AccountAttention', {
  description: 'Why an account needs attention although its syncs succeed, and what fixes it.',
})
export class AccountAttentionObject {
  @Field(() => AttentionKindEnum)
  kind: AttentionKind;

  @Field({ description: 'What is wrong, free of secrets.' })
  message: string;

  @Field({ description: 'What fixes it: which key type to use and where to create it.' })
  fix: string;
}
