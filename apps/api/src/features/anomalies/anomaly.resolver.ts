import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requireAdmin, requireCaller, type ApiContext } from '../../context';
import { PageArgs } from '../../graphql/page.args';
import { DRIVER_DIMENSIONS } from './anomaly-drivers';
import type { StoredAnomaly } from './anomaly.service';
import { AnomalyFilterInput, AnomalySettingsInput } from './anomaly.input';
import { ANOMALY_TOPICS, type AnomalyDetectedEvent } from './anomaly.topics';
import { AnomalyObject, AnomalyPageObject, AnomalySettingsObject } from './anomaly.type';

const serviceOf = (ctx: ApiContext) => ctx.services.anomalies;

function toObject(a: StoredAnomaly): AnomalyObject {
  const lead = DRIVER_DIMENSIONS[a.level][0];
  return { ...a, topDriver: a.drivers.find((d) => d.dimension === lead && d.key !== null) ?? null };
}

/** Anomalies on settled days: list, acknowledge (admins), thresholds, and the live feed. */
@Resolver(() => AnomalyObject)
export class AnomalyResolver {
  @Query(() => AnomalyPageObject, {
    description: 'Anomalies of the organization, newest day first, most severe first within a day.',
  })
  async anomalies(
    @Arg('filter', () => AnomalyFilterInput, { nullable: true }) filter: AnomalyFilterInput | null,
    @Args() page: PageArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<AnomalyPageObject> {
    const { organizationId } = requireCaller(ctx);
    const f = filter ?? {};
    const result = await serviceOf(ctx).list(
      organizationId,
      {
        status: f.status ?? undefined,
        level: f.level ?? undefined,
        provider: f.provider ?? undefined,
        from: f.from ?? undefined,
        to: f.to ?? undefined,
      },
      page,
    );
    return { total: result.total, rows: result.rows.map(toObject) };
  }

  @Query(() => AnomalyObject, { nullable: true })
  async anomaly(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<AnomalyObject | null> {
    const found = await serviceOf(ctx).get(requireCaller(ctx).organizationId, id);
    return found && toObject(found);
  }

  @Mutation(() => AnomalyObject, {
    description: "Marks an anomaly seen, with a note (admins). Another organization's anomaly is NOT_FOUND.",
  })
  async acknowledgeAnomaly(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<AnomalyObject> {
    const caller = requireAdmin(ctx);
    const text = note?.trim() ? note.trim().slice(0, 2_000) : null;
    return toObject(await serviceOf(ctx).acknowledge(caller.organizationId, id, caller.userId, text));
  }

  @Query(() => AnomalySettingsObject)
  async anomalySettings(@Ctx() ctx: ApiContext): Promise<AnomalySettingsObject> {
    return ctx.services.anomalySettings.get(requireCaller(ctx).organizationId);
  }

  @Mutation(() => AnomalySettingsObject, {
    description:
      'Changes the thresholds (admins; each a number above 0) and, when given, the channels that receive new anomalies; ' +
      'BAD_USER_INPUT names the bad field and nothing is saved.',
  })
  async updateAnomalySettings(
    @Arg('input') input: AnomalySettingsInput,
    @Ctx() ctx: ApiContext,
  ): Promise<AnomalySettingsObject> {
    const { organizationId } = requireAdmin(ctx);
    const { routes, ...thresholds } = input;
    const wanted = routes?.map((r) => ({ channelId: r.channelId, minSeverity: r.minSeverity ?? ('medium' as const) }));
    return ctx.services.anomalySettings.update(organizationId, { ...thresholds, routes: wanted });
  }

  @Subscription(() => AnomalyObject, {
    description: "Anomalies as a finished sync finds them (new or re-opened), in the caller's organization only.",
    subscribe: ({ context }) => {
      const ctx = context as ApiContext;
      const { organizationId } = requireCaller(ctx);
      return ctx.services.pubsub.subscribe(ANOMALY_TOPICS.DETECTED, (event) => event.organizationId === organizationId);
    },
  })
  async anomalyDetected(@Root() event: AnomalyDetectedEvent, @Ctx() ctx: ApiContext): Promise<AnomalyObject> {
    const found = await serviceOf(ctx).get(event.organizationId, event.anomalyId);
    if (!found) throw new Error(`Anomaly ${event.anomalyId} vanished before it was delivered`);
    return toObject(found);
  }
}
