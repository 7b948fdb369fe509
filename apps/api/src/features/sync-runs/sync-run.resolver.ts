import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { requireCaller, type ApiContext } from '../../context';
import { notFound } from '../../errors';
import { PageArgs } from '../../graphql/page.args';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import type { SyncRunStatus } from './sync-run.entity';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';
import {
  SyncLogLineObject,
  SyncRunObject,
  SyncRunPageObject,
  SyncRunStatusEnum,
  SyncTriggerEnum,
} from './sync-run.type';

/** Cursor paging of log lines. */
@ArgsType()
export class LogPageArgs {
  @Field(() => ID, { nullable: true, description: 'Only lines after this one (the last id you have).' })
  afterId?: string | null;

  @Field(() => Int, { defaultValue: 200, description: 'At most this many lines (up to 500).' })
  @Min(0)
  @Max(500)
  limit: number;
}

/** Sync runs and their logs, per account or across the organization. */
@Resolver(() => SyncRunObject)
export class SyncRunResolver {
  @Query(() => SyncRunPageObject, {
    description:
      "Sync runs of the organization, newest first: every account's, or one account's; narrowed by status and trigger.",
  })
  async syncRuns(
    @Arg('providerAccountId', () => ID, {
      nullable: true,
      description: "Only this account's runs; every account's when left out.",
    })
    providerAccountId: string | null,
    @Arg('status', () => SyncRunStatusEnum, { nullable: true }) status: SyncRunStatus | null,
    @Arg('trigger', () => SyncTriggerEnum, { nullable: true }) trigger: SyncTrigger | null,
    @Args() page: PageArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<SyncRunPageObject> {
    const { organizationId } = requireCaller(ctx);
    if (providerAccountId) await ctx.services.providerAccounts.require(organizationId, providerAccountId);
    return ctx.services.syncRuns.list(
      organizationId,
      { providerAccountId: providerAccountId ?? undefined, status: status ?? undefined, trigger: trigger ?? undefined },
      page,
    );
  }

  @Query(() => SyncRunObject, { nullable: true })
  syncRun(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<SyncRunObject | null> {
    return ctx.services.syncRuns.get(requireCaller(ctx).organizationId, id);
  }

  @Query(() => [SyncLogLineObject], { description: "A run's log lines in order; page with afterId." })
  async syncLogLines(
    @Arg('runId', () => ID) runId: string,
    @Args() page: LogPageArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<SyncLogLineObject[]> {
    const { organizationId } = requireCaller(ctx);
    if (!(await ctx.services.syncRuns.get(organizationId, runId))) throw notFound('Sync run', runId);
    return ctx.services.syncRuns.logLines(organizationId, runId, {
      afterId: page.afterId ?? undefined,
      limit: page.limit,
    });
  }

  @FieldResolver(() => [SyncLogLineObject], { description: "The run's log lines in order; page with afterId." })
  logLines(
    @Root() run: SyncRunObject,
    @Args() page: LogPageArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<SyncLogLineObject[]> {
    return ctx.services.syncRuns.logLines(run.organizationId, run.id, {
      afterId: page.afterId ?? undefined,
      limit: page.limit,
    });
  }

  @FieldResolver(() => ProviderAccountObject, { nullable: true, description: 'Null after the account was purged.' })
  providerAccount(@Root() run: SyncRunObject, @Ctx() ctx: ApiContext): Promise<ProviderAccountObject | null> {
    return ctx.services.providerAccounts.get(run.organizationId, run.providerAccountId);
  }
}
