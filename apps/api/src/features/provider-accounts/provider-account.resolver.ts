import type { ProviderId } from '@spendsync/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAdmin, requireCaller, type ApiContext } from '../../context';
import { ProviderEnum } from '../../graphql/provider.enum';
import type { ProviderAccountStatus } from './provider-account.entity';
import { LinkProviderInput, UpdateProviderCredentialsInput } from './provider-account.input';
import {
  LinkProviderPayloadObject,
  RefreshProviderPayloadObject,
  UnlinkProviderPayloadObject,
  UpdateProviderCredentialsPayloadObject,
} from './provider-account.payload';
import { ProviderAccountObject, ProviderAccountStatusEnum } from './provider-account.type';
import { accountAttention } from './account-attention';
import { AccountAttentionObject } from './account-attention.type';
import { allProviderInfo, providerInfo } from './provider-info';
import { ProviderInfoObject } from './provider-info.type';

const verificationOf = (v: { detail: string; message?: string; accountName?: string | null }) => ({
  detail: v.detail.toUpperCase(),
  message: v.message ?? null,
  accountName: v.accountName ?? null,
});

/** Provider accounts: list and detail (never credentials), link, re-key, unlink, refresh. */
@Resolver(() => ProviderAccountObject)
export class ProviderAccountResolver {
  @Query(() => [ProviderInfoObject], {
    description: 'Every provider, with the credential it needs and where to create it.',
  })
  providers(@Ctx() ctx: ApiContext): ProviderInfoObject[] {
    requireCaller(ctx);
    return allProviderInfo(ctx.services.providers);
  }

  @Query(() => [ProviderAccountObject])
  providerAccounts(
    @Arg('provider', () => ProviderEnum, { nullable: true }) provider: ProviderId | null,
    @Arg('status', () => ProviderAccountStatusEnum, { nullable: true }) status: ProviderAccountStatus | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ProviderAccountObject[]> {
    return ctx.services.providerAccounts.list(requireCaller(ctx).organizationId, {
      provider: provider ?? undefined,
      status: status ?? undefined,
    });
  }

  @Query(() => ProviderAccountObject, { nullable: true })
  providerAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<ProviderAccountObject | null> {
    return ctx.services.providerAccounts.get(requireCaller(ctx).organizationId, id);
  }

  @Mutation(() => LinkProviderPayloadObject, {
    description:
      'Checks the credential (our rules, then the provider), stores it encrypted and starts the backfill. Nothing is stored when a check fails.',
  })
  async linkProvider(
    @Arg('input') input: LinkProviderInput,
    @Ctx() ctx: ApiContext,
  ): Promise<LinkProviderPayloadObject> {
    const result = await ctx.services.providerLinks.link(requireAdmin(ctx).organizationId, input);
    return { ...result, verification: verificationOf(result.verification) };
  }

  @Mutation(() => UpdateProviderCredentialsPayloadObject, {
    description: 'Replaces the credential after checking the new one; the old one stays if the check fails.',
  })
  async updateProviderCredentials(
    @Arg('input') input: UpdateProviderCredentialsInput,
    @Ctx() ctx: ApiContext,
  ): Promise<UpdateProviderCredentialsPayloadObject> {
    const result = await ctx.services.providerLinks.updateCredentials(requireAdmin(ctx).organizationId, input.id, {
      credentials: input.credentials,
      endpoint: input.endpoint,
      label: input.label ?? undefined,
    });
    return { ...result, verification: verificationOf(result.verification) };
  }

  @Mutation(() => UnlinkProviderPayloadObject, {
    description:
      'Unlinks an account. purgeHistory false: credentials are erased and its data kept (disconnected); true: the account and its data are deleted.',
  })
  async unlinkProvider(
    @Arg('id', () => ID) id: string,
    @Arg('purgeHistory') purgeHistory: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<UnlinkProviderPayloadObject> {
    await ctx.services.providerAccounts.unlink(requireAdmin(ctx).organizationId, id, purgeHistory);
    return { id, purged: purgeHistory };
  }

  @Mutation(() => RefreshProviderPayloadObject, {
    description: 'Starts a sync now ("Refresh Data"), or returns the one already running.',
  })
  refreshProvider(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<RefreshProviderPayloadObject> {
    return ctx.services.providerLinks.refresh(requireAdmin(ctx).organizationId, id);
  }

  @FieldResolver(() => ProviderInfoObject, { description: 'The provider: label, expected data delay, capabilities.' })
  info(@Root() account: ProviderAccountObject, @Ctx() ctx: ApiContext): ProviderInfoObject {
    return providerInfo(account.provider, ctx.services.providers[account.provider]);
  }

  @FieldResolver(() => [AccountAttentionObject], {
    description:
      'What needs an admin although syncs do not fail (no billing data for the key, a limited key), with the fix; empty when nothing does.',
  })
  attention(@Root() account: ProviderAccountObject): AccountAttentionObject[] {
    return accountAttention(account);
  }
}
