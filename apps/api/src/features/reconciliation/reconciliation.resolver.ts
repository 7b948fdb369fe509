import { dayOf } from '@spendsync/domain';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { ApiError } from '../../errors';
import { DashboardFilterInput } from '../dashboards/dashboard-filter.input';
import { parseDashboardInput, runDashboard } from '../dashboards/parse-dashboard-input';
import { toReconciliationObject } from './reconciliation-object';
import { ZReconciliationScope, type ReconciliationScope } from './reconciliation-filter';
import { ReconciliationObject, ReconciliationScopeInput } from './reconciliation.type';

/** The scope as the service takes it; BAD_USER_INPUT naming the field otherwise. */
export function parseReconciliationScope(input: ReconciliationScopeInput | null | undefined): ReconciliationScope {
  const parsed = ZReconciliationScope.safeParse({
    providerAccountIds: input?.providerAccountIds ?? undefined,
    apiKeyIds: input?.apiKeyIds ?? undefined,
    models: input?.models ?? undefined,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = `scope.${issue.path.map(String).join('.')}`;
  throw new ApiError('BAD_USER_INPUT', `${field}: ${issue.message}`, { field });
}

/** Billed vs metered reconciliation. */
@Resolver()
export class ReconciliationResolver {
  @Query(() => ReconciliationObject, {
    description:
      'Billed vs metered cost over the filter (providers, workspaces, period, search) and scope ' +
      '(accounts, keys, models), per day and in total, the gap explained by cause. ' +
      "The filter's sort orders the days; its cost range and paging do not apply.",
  })
  async spendsyncReconciliation(
    @Arg('filter', () => DashboardFilterInput, { nullable: true }) filter: DashboardFilterInput | null,
    @Arg('scope', () => ReconciliationScopeInput, { nullable: true }) scope: ReconciliationScopeInput | null,
    @Arg('entityLimit', () => Int, {
      nullable: true,
      description: 'Entities per cause, largest first (default 50, at most 500).',
    })
    entityLimit: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ReconciliationObject> {
    const { organizationId } = requireCaller(ctx);
    const limit = entityLimit ?? 50;
    if (!Number.isInteger(limit) || limit < 0 || limit > 500) {
      throw new ApiError('BAD_USER_INPUT', 'entityLimit is between 0 and 500.', { field: 'entityLimit' });
    }
    const parsed = { filter: parseDashboardInput(filter), scope: parseReconciliationScope(scope) };
    const today = dayOf(ctx.services.now());
    const result = await runDashboard(() => ctx.services.reconciliation.query(organizationId, parsed, today));
    return toReconciliationObject(result, limit);
  }
}
