import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context';
import { PageArgs } from '../../graphql/page.args';
import { LinkProviderPayloadObject, RefreshProviderPayloadObject } from '../provider-accounts/provider-account.payload';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import type { SyncRun } from './sync-run.entity';
import { SyncRunObject, SyncRunPageObject } from './sync-run.type';

/** The sync-run fields of provider accounts: they live with the runs they return (features point one way). */
@Resolver(() => ProviderAccountObject)
export class ProviderAccountRunsResolver {
  @FieldResolver(() => SyncRunObject, { nullable: true, description: 'The queued or running sync, if any.' })
  activeRun(@Root() account: ProviderAccountObject, @Ctx() ctx: ApiContext): Promise<SyncRunObject | null> {
    return ctx.services.syncRuns.active(account.organizationId, account.id);
  }

  @FieldResolver(() => SyncRunObject, { nullable: true, description: 'The most recent sync of any status.' })
  lastRun(@Root() account: ProviderAccountObject, @Ctx() ctx: ApiContext): Promise<SyncRunObject | null> {
    return ctx.services.syncRuns.latest(account.organizationId, account.id);
  }

  @FieldResolver(() => SyncRunPageObject, { description: "The account's syncs, newest first." })
  syncRuns(
    @Root() account: ProviderAccountObject,
    @Args() page: PageArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<SyncRunPageObject> {
    return ctx.services.syncRuns.list(account.organizationId, { providerAccountId: account.id }, page);
  }
}

/** `LinkProviderPayload.run`: the backfill the link started, as the sync engine returned it. */
@Resolver(() => LinkProviderPayloadObject)
export class LinkProviderRunResolver {
  @FieldResolver(() => SyncRunObject, {
    nullable: true,
    description: 'The backfill that started; null when no sync could start now.',
  })
  run(@Root() payload: { run: SyncRun | null }): SyncRunObject | null {
    return payload.run;
  }
}

/** `RefreshProviderPayload.run`: the run started, or the one already running. */
@Resolver(() => RefreshProviderPayloadObject)
export class RefreshProviderRunResolver {
  @FieldResolver(() => SyncRunObject)
  run(@Root() payload: { run: SyncRun }): SyncRunObject {
    return payload.run;
  }
}
