import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, requireCaller, type ApiContext } from '../../context';
import { fieldErrors, ZNotifyUnderDays } from './credit-grant-input';
import { toCreditRunwayObject } from './credit-runway-object';
import {
  CreditGrantInput,
  CreditGrantObject,
  CreditRunwayObject,
  RunwayAlertSettingsObject,
} from './credit-runway.type';

/** Re-evaluates runway notifications after a change; a failure is logged, never the change's. */
async function reevaluate(ctx: ApiContext, organizationId: string): Promise<void> {
  await ctx.services.runwayAlerts
    .evaluateOrganization(organizationId)
    .catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'Evaluating runway notifications failed'));
}

/** Credit runways (provider balances and entered grants) and the grants themselves. Viewers read; admins change. */
@Resolver()
export class CreditRunwayResolver {
  @Query(() => [CreditRunwayObject], {
    description:
      'When each prepaid provider balance and each credit grant runs out, from the trailing 28 settled days ' +
      'of burn; balances first.',
  })
  async spendsyncCreditRunways(
    @Arg('providerAccountId', () => ID, { nullable: true, description: "Only this account's runways." })
    providerAccountId: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<CreditRunwayObject[]> {
    const { organizationId } = requireCaller(ctx);
    return (await ctx.services.creditRunways.list(organizationId, { providerAccountId })).map(toCreditRunwayObject);
  }

  @Query(() => [CreditGrantObject], { description: 'Credit grants admins entered, by name.' })
  spendsyncCreditGrants(@Ctx() ctx: ApiContext): Promise<CreditGrantObject[]> {
    return ctx.services.creditGrants.list(requireCaller(ctx).organizationId);
  }

  @Query(() => CreditGrantObject, { nullable: true })
  spendsyncCreditGrant(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<CreditGrantObject | null> {
    return ctx.services.creditGrants.get(requireCaller(ctx).organizationId, id);
  }

  @Query(() => RunwayAlertSettingsObject)
  async spendsyncRunwayAlertSettings(@Ctx() ctx: ApiContext): Promise<RunwayAlertSettingsObject> {
    return { notifyUnderDays: await ctx.services.creditRunways.notifySetting(requireCaller(ctx).organizationId) };
  }

  @Mutation(() => CreditGrantObject, {
    description: 'Enters a grant; bad fields are refused one by one (extensions.field) and nothing is saved.',
  })
  async spendsyncCreateCreditGrant(
    @Arg('input', () => CreditGrantInput) input: CreditGrantInput,
    @Ctx() ctx: ApiContext,
  ): Promise<CreditGrantObject> {
    const { organizationId } = requireAdmin(ctx);
    const grant = await ctx.services.creditGrants.create(organizationId, { ...input });
    await reevaluate(ctx, organizationId);
    return grant;
  }

  @Mutation(() => CreditGrantObject, { description: "Replaces a grant's fields." })
  async spendsyncUpdateCreditGrant(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CreditGrantInput) input: CreditGrantInput,
    @Ctx() ctx: ApiContext,
  ): Promise<CreditGrantObject> {
    const { organizationId } = requireAdmin(ctx);
    const grant = await ctx.services.creditGrants.update(organizationId, id, { ...input });
    await reevaluate(ctx, organizationId);
    return grant;
  }

  @Mutation(() => Boolean, { description: 'Deletes a grant.' })
  spendsyncDeleteCreditGrant(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<boolean> {
    return ctx.services.creditGrants.delete(requireAdmin(ctx).organizationId, id);
  }

  @Mutation(() => RunwayAlertSettingsObject, {
    description: 'Notify every notification channel once when a runway falls under N days; null turns it off.',
  })
  async spendsyncSetRunwayAlertSettings(
    @Arg('notifyUnderDays', () => Int, { nullable: true }) notifyUnderDays: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<RunwayAlertSettingsObject> {
    const { organizationId } = requireAdmin(ctx);
    const parsed = ZNotifyUnderDays.safeParse(notifyUnderDays ?? null);
    if (!parsed.success) throw fieldErrors(parsed.error.issues.map((i) => ({ ...i, path: ['notifyUnderDays'] })));
    const saved = await ctx.services.creditRunways.setNotifySetting(organizationId, parsed.data);
    await reevaluate(ctx, organizationId);
    return { notifyUnderDays: saved };
  }
}
