import type { ProviderId } from '@spendsync/domain';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { ProviderEnum } from '../../graphql/provider.enum';
import { ModelObject } from './model.type';

/** Models the organization has billing records for. */
@Resolver(() => ModelObject)
export class ModelResolver {
  @Query(() => [ModelObject])
  models(
    @Arg('provider', () => ProviderEnum, { nullable: true }) provider: ProviderId | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ModelObject[]> {
    return ctx.services.models.list(requireCaller(ctx).organizationId, provider ?? undefined);
  }

  @Query(() => ModelObject, { nullable: true })
  model(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<ModelObject | null> {
    return ctx.services.models.get(requireCaller(ctx).organizationId, id);
  }
}
