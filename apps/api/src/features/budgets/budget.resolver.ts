import type { Day } from '@spendsync/domain';
import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requireAdmin, requireCaller, type ApiContext } from '../../context';
import { DateScalar } from '../../graphql/scalars';
import { DashboardSortInput } from '../dashboards/dashboard-filter.input';
import { toBudgetObject } from './budget-object';
import { BUDGET_SORT_FIELDS, listBudgets } from './budget-list';
import { BUDGET_TOPICS, type BudgetAlertFired } from './budget.topics';
import { BudgetInput, budgetInputValues } from './budget.input';
import type { BudgetRecord } from './budget.service';
import { BudgetAlertEventObject, BudgetAlertObject, BudgetObject } from './budget.type';

async function withStatus(ctx: ApiContext, organizationId: string, budgets: BudgetRecord[]): Promise<BudgetObject[]> {
  if (budgets.length === 0) return [];
  const [statuses, events] = await Promise.all([
    ctx.services.budgetEvaluator.statuses(organizationId, budgets),
    ctx.services.alertEvents.list(organizationId, { limit: 1000 }),
  ]);
  return statuses.map((s) => toBudgetObject(s, events));
}

/** Budgets, their alert history and live alerts. Viewers read; admins change. */
@Resolver()
export class BudgetResolver {
  @Query(() => [BudgetObject], { description: "The organization's budgets with their current status, by name." })
  async budgets(
    @Arg('search', () => String, { nullable: true, description: 'Part of the name.' }) search: string | null,
    @Arg('sort', () => DashboardSortInput, {
      nullable: true,
      description: `One of ${BUDGET_SORT_FIELDS.join(', ')}; default name ascending.`,
    })
    sort: DashboardSortInput | null,
    @Ctx() ctx: ApiContext,
  ): Promise<BudgetObject[]> {
    const { organizationId } = requireCaller(ctx);
    return listBudgets(await withStatus(ctx, organizationId, await ctx.services.budgets.list(organizationId)), {
      search,
      sort,
    });
  }

  @Query(() => BudgetObject, { nullable: true })
  async budget(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<BudgetObject | null> {
    const { organizationId } = requireCaller(ctx);
    const budget = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.services.budgets.get(organizationId, id) : null;
    return budget ? (await withStatus(ctx, organizationId, [budget]))[0]! : null;
  }

  @Query(() => [BudgetAlertEventObject], {
    description: 'Alert history, newest first; filter by budget and by period (its first day).',
  })
  async budgetAlertEvents(
    @Arg('budgetId', () => ID, { nullable: true }) budgetId: string | null,
    @Arg('periodStart', () => DateScalar, { nullable: true }) periodStart: Day | null,
    @Ctx() ctx: ApiContext,
  ): Promise<BudgetAlertEventObject[]> {
    const { organizationId } = requireCaller(ctx);
    if (budgetId) await ctx.services.budgets.require(organizationId, budgetId);
    return ctx.services.alertEvents.list(organizationId, { budgetId, periodStart });
  }

  @Mutation(() => BudgetObject, {
    description: 'Creates a budget; bad fields are refused one by one (extensions.field) and nothing is saved.',
  })
  async createBudget(
    @Arg('input', () => BudgetInput) input: BudgetInput,
    @Ctx() ctx: ApiContext,
  ): Promise<BudgetObject> {
    const { organizationId } = requireAdmin(ctx);
    const budget = await ctx.services.budgets.create(organizationId, budgetInputValues(input));
    await ctx.services.budgetEvaluator
      .evaluateOrganization(organizationId)
      .catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'Evaluating the new budget failed'));
    return (await withStatus(ctx, organizationId, [budget]))[0]!;
  }

  @Mutation(() => BudgetObject, { description: "Replaces a budget's fields." })
  async updateBudget(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => BudgetInput) input: BudgetInput,
    @Ctx() ctx: ApiContext,
  ): Promise<BudgetObject> {
    const { organizationId } = requireAdmin(ctx);
    const budget = await ctx.services.budgets.update(organizationId, id, budgetInputValues(input));
    await ctx.services.budgetEvaluator
      .evaluateOrganization(organizationId)
      .catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'Evaluating the budget failed'));
    return (await withStatus(ctx, organizationId, [budget]))[0]!;
  }

  @Mutation(() => Boolean, { description: 'Deletes a budget and its alert history.' })
  deleteBudget(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<boolean> {
    return ctx.services.budgets.delete(requireAdmin(ctx).organizationId, id);
  }

  @Subscription(() => BudgetAlertObject, {
    description: 'Budget thresholds of the organization as they fire (or recover).',
    subscribe: async ({ context }) => {
      const ctx = context as ApiContext;
      const { organizationId } = requireCaller(ctx);
      return ctx.services.pubsub.subscribe(
        BUDGET_TOPICS.ALERT_FIRED,
        (event) => event.organizationId === organizationId,
      );
    },
  })
  alertFired(@Root() event: BudgetAlertFired): BudgetAlertObject {
    const { organizationId: _org, at, ...rest } = event;
    return { ...rest, at: new Date(at) };
  }
}
