import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { DashboardPeriodObject } from '../dashboards/dashboard-period.type';
import {
  GAP_CAUSES,
  GAP_CAUSE_LABELS,
  GAP_ENTITY_KINDS,
  type GapCause,
  type GapEntityKind,
} from './reconciliation-causes';

const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<Uppercase<T>, T>;

export const GapCauseEnum = upper(GAP_CAUSES);
registerEnumType(GapCauseEnum, {
  name: 'ReconciliationGapCause',
  description: Object.entries(GAP_CAUSE_LABELS)
    .map(([c, label]) => `${c.toUpperCase()}: ${label}`)
    .join('; '),
});

export const GapEntityKindEnum = upper(GAP_ENTITY_KINDS);
registerEnumType(GapEntityKindEnum, { name: 'ReconciliationEntityKind' });

/** Reconciliation's narrowing beyond the dashboard filter. */
@InputType('ReconciliationScopeInput', {
  description: 'Narrows reconciliation to accounts, API keys and models (each exact); empty lists narrow nothing.',
})
export class ReconciliationScopeInput {
  @Field(() => [ID], { nullable: true })
  providerAccountIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'spendsync API key ids.' })
  apiKeyIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  models?: string[] | null;
}

@ObjectType('ReconciliationEntity', {
  simpleResolvers: true,
  description: 'A key, model, provider or day behind a cause, with its share.',
})
export class ReconciliationEntityObject {
  @Field(() => GapEntityKindEnum)
  kind: GapEntityKind;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field(() => ID, { nullable: true, description: 'API_KEY: the spendsync key id, when the key is synced.' })
  apiKeyId: string | null;

  @Field(() => ID, { nullable: true })
  providerAccountId: string | null;

  @Field(() => String, { nullable: true, description: "API_KEY: the provider's id for the key." })
  externalId: string | null;

  @Field(() => String, { nullable: true, description: "API_KEY: the key's hint (or name); null for no key." })
  keyLabel: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => DateScalar, { nullable: true })
  day: Day | null;

  @Field(() => DecimalScalar)
  amount: Money;
}

@ObjectType('ReconciliationCause', { simpleResolvers: true })
export class ReconciliationCauseObject {
  @Field(() => GapCauseEnum)
  cause: GapCause;

  @Field()
  label: string;

  @Field(() => DecimalScalar, { description: 'Positive: billed above metered.' })
  amount: Money;

  @Field(() => Int, { description: 'Entities behind the cause (entities holds the largest, up to entityLimit).' })
  entityCount: number;

  @Field(() => [ReconciliationEntityObject], { description: 'Largest share first.' })
  entities: ReconciliationEntityObject[];
}

@ObjectType('ReconciliationCauseAmount', { simpleResolvers: true })
export class ReconciliationCauseAmountObject {
  @Field(() => GapCauseEnum)
  cause: GapCause;

  @Field(() => DecimalScalar)
  amount: Money;
}

@ObjectType('ReconciliationDay', { simpleResolvers: true })
export class ReconciliationDayObject {
  @Field(() => DateScalar)
  day: Day;

  @Field(() => DecimalScalar)
  billed: Money;

  @Field(() => DecimalScalar)
  credits: Money;

  @Field(() => DecimalScalar)
  net: Money;

  @Field(() => DecimalScalar)
  metered: Money;

  @Field(() => DecimalScalar)
  gap: Money;

  @Field({ description: 'Some billed figure of the day is not settled yet.' })
  provisional: boolean;

  @Field(() => [ReconciliationCauseAmountObject])
  causes: ReconciliationCauseAmountObject[];
}

@ObjectType('Reconciliation', {
  simpleResolvers: true,
  description: 'Billed vs metered cost, the gap explained by cause; the causes sum to gap exactly.',
})
export class ReconciliationObject {
  @Field(() => DashboardPeriodObject)
  period: DashboardPeriodObject;

  @Field(() => DecimalScalar, { description: 'Billed cost (cost records), before credits.' })
  billed: Money;

  @Field(() => DecimalScalar, { description: 'Credits applied.' })
  credits: Money;

  @Field(() => DecimalScalar, { description: 'billed − credits.' })
  net: Money;

  @Field(() => DecimalScalar, { description: "Metered cost (the applications' estimates)." })
  metered: Money;

  @Field(() => DecimalScalar, { description: 'net − metered.' })
  gap: Money;

  @Field(() => DecimalScalar, { nullable: true, description: 'metered / billed; null when nothing was billed.' })
  coverage: Money | null;

  @Field(() => Int, { description: 'Metered lines (day, key, model) with a report that sent no cost estimate.' })
  meteredLinesWithoutCost: number;

  @Field(() => [ReconciliationCauseObject], { description: 'Every cause, in precedence order, zero ones included.' })
  causes: ReconciliationCauseObject[];

  @Field(() => [ReconciliationDayObject], {
    description: "Per day, in the filter's sort (day, billed, credits, net, metered, gap; default by day ascending).",
  })
  days: ReconciliationDayObject[];
}
