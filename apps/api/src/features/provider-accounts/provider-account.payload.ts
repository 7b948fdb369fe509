import { Field, ID, ObjectType } from 'type-graphql';
import { ProviderAccountObject } from './provider-account.type';

/** What the provider said when the credential was checked. */
@ObjectType('CredentialVerification')
export class CredentialVerificationObject {
  @Field({ description: 'FULL: everything can be synced; LIMITED: only part of it (see message).' })
  detail: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The organization or account name at the provider, when it says.',
  })
  accountName: string | null;
}

/** A linked account and its backfill (`run`: a field of features/sync-runs). */
@ObjectType('LinkProviderPayload')
export class LinkProviderPayloadObject {
  @Field(() => ProviderAccountObject)
  account: ProviderAccountObject;

  @Field(() => CredentialVerificationObject)
  verification: CredentialVerificationObject;
}

/** An account with new credentials. */
@ObjectType('UpdateProviderCredentialsPayload')
export class UpdateProviderCredentialsPayloadObject {
  @Field(() => ProviderAccountObject)
  account: ProviderAccountObject;

  @Field(() => CredentialVerificationObject)
  verification: CredentialVerificationObject;
}

/** An unlinked account. */
@ObjectType('UnlinkProviderPayload')
export class UnlinkProviderPayloadObject {
  @Field(() => ID)
  id: string;

  @Field({ description: 'True when the account and its history were deleted; false when it was kept, disconnected.' })
  purged: boolean;
}

/** A refresh: the run started or the one already running (`run`: a field of features/sync-runs). */
@ObjectType('RefreshProviderPayload')
export class RefreshProviderPayloadObject {
  @Field({ description: 'True when a sync was already running (that run is returned).' })
  alreadyRunning: boolean;
}
