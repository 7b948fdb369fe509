import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireUsageReporter, type ApiContext } from '../../context';
import { MeteredUsageBatchInput, MeteredUsageResultObject } from './metered-usage.input';
import { parseMeteredUsageBatch } from './metered-usage.service';

/** Applications report what their own metering saw. */
@Resolver()
export class MeteredUsageResolver {
  @Mutation(() => MeteredUsageResultObject, {
    description:
      'Records metered usage (also POST /v1/metered-usage). Admins and API tokens created with canRecordUsage may call it.',
  })
  recordMeteredUsage(
    @Arg('batch') batch: MeteredUsageBatchInput,
    @Ctx() ctx: ApiContext,
  ): Promise<MeteredUsageResultObject> {
    const caller = requireUsageReporter(ctx);
    const parsed = parseMeteredUsageBatch({
      source: batch.source,
      idempotencyKey: batch.idempotencyKey,
      entries: batch.entries.map((e) => ({ ...e, cost: e.cost?.toFixed() ?? null, units: e.units?.toFixed() ?? null })),
    });
    return ctx.services.meteredUsage.record(caller.organizationId, parsed);
  }
}
