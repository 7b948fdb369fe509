import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';

/** One day of an application's traffic to one model. */
@InputType('MeteredUsageEntryInput')
export class MeteredUsageEntryInput {
  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  model: string;

  @Field(() => DateScalar, { nullable: true, description: 'The UTC day of the traffic; or give timestamp.' })
  day?: Day | null;

  @Field(() => String, { nullable: true, description: 'An ISO 8601 date-time of the traffic (its UTC day is used).' })
  timestamp?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The key's hint as spendsync shows it; matched against synced keys.",
  })
  apiKeyHint?: string | null;

  @Field(() => ID, { nullable: true, description: 'The spendsync id of the key, when known.' })
  apiKeyId?: string | null;

  // Float, not Int: a day's tokens can pass 2^31. Whole numbers are enforced when parsed.
  @Field(() => Float, { nullable: true })
  inputTokens?: number | null;

  @Field(() => Float, { nullable: true })
  outputTokens?: number | null;

  @Field(() => Float, { nullable: true })
  requests?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Units other than tokens and requests (images…).' })
  units?: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: "The application's own cost estimate (USD)." })
  cost?: Money | null;
}

/** A report of metered usage. */
@InputType('MeteredUsageBatchInput')
export class MeteredUsageBatchInput {
  @Field({ description: 'The reporting application or SDK.' })
  source: string;

  @Field(() => [MeteredUsageEntryInput], { description: 'At most 5,000 entries per report.' })
  entries: MeteredUsageEntryInput[];

  @Field(() => String, {
    nullable: true,
    description:
      'Makes the report safe to retry: a report whose key was already used stores nothing and answers the ' +
      'first result.',
  })
  idempotencyKey?: string | null;
}

/** What a report stored. */
@ObjectType('MeteredUsageResult')
export class MeteredUsageResultObject {
  @Field(() => Int, { description: 'Entries stored.' })
  accepted: number;

  @Field(() => Int, { description: 'Entries tied to a synced API key (by id or hint).' })
  matchedToKeys: number;

  @Field({ description: 'True for a retry of a report with the same idempotency key: nothing was stored again.' })
  replayed: boolean;
}
