import type { Day, ProviderId } from '@spendsync/domain';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar } from '../../graphql/scalars';
import type { ProviderAccountStatus } from './provider-account.entity';

/** Connection state as a GraphQL enum (internal values are the stored words). */
export const ProviderAccountStatusEnum = {
  ACTIVE: 'active',
  SYNCING: 'syncing',
  ERROR: 'error',
  DISCONNECTED: 'disconnected',
} as const;
registerEnumType(ProviderAccountStatusEnum, {
  name: 'ProviderAccountStatus',
  description:
    'ACTIVE: usable; SYNCING: a sync is running; ERROR: the last sync or check failed (see lastError); DISCONNECTED: unlinked.',
});

/** A linked provider account. Credentials never appear: only `keyHint`. */
@Directive('@key(fields: "id")')
@ObjectType('ProviderAccount', { description: 'An account at an AI provider that spendsync syncs billing data from.' })
export class ProviderAccountObject {
  @Field(() => ID)
  id: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field({ description: "The admin's name for the account." })
  label: string;

  @Field({ description: 'A recognisable, unusable fragment of the credential, e.g. sk-admin-Ab1...wxyz.' })
  keyHint: string;

  @Field(() => ProviderAccountStatusEnum)
  status: ProviderAccountStatus;

  @Field(() => String, { nullable: true, description: 'What went wrong last, free of secrets.' })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When a sync last stored data.' })
  lastSyncedAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Every day before this one is stored completely.' })
  dataCompleteThrough: Day | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Every read day before this one is settled: older than the provider's billing delay and re-read by a sync after it. Later days are provisional.",
  })
  settledThrough: Day | null;

  @Field(() => String, {
    nullable: true,
    description: "A custom endpoint (simulator, proxy) instead of the provider's; null for the provider's own.",
  })
  endpoint: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  /** Not a GraphQL field: scopes nested fields. */
  organizationId: string;

  /** Not a GraphQL field: read by `attention`. */
  credentialNotice: string | null;

  /** Not a GraphQL field: read by `attention`. */
  syncNotice: string | null;
}
