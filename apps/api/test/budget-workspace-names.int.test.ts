import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { createBudgetEvaluator } from '../src/features/budgets/budget-evaluation.service';
import type { BudgetTopicMap } from '../src/features/budgets/budget.topics';
import { createBudgetService } from '../src/features/budgets/budget.service';
import { scopeDashboardFilter } from '../src/features/budgets/budget-scope';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { ApiKey } from '../src/features/api-keys/api-key.entity';
import { Organization } from '../src/features/organizations/organization.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { Workspace } from '../src/features/workspaces/workspace.entity';
import { createLogger } from '../src/logger';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import { addAccount } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

const NOW = new Date('2025-06-11T12:00:00Z');
const PERIOD = { kind: 'custom', start: '2025-06-01', end: '2025-06-11' } as const;

/**
 * A workspace the directory does not list, renamed at the provider within one day: that day its
 * records carry two names, which the daily rollups keep one of (per row of a day, model and unit).
 * A budget naming a workspace by one of those names counts each record by its own name, as the
 * Overview does.
 */
describe('budgets on a workspace renamed within a day', () => {
  let ds: DataSource;
  let org: string;
  let keyBefore: string;
  beforeAll(async () => {
    ds = await openTestDataSource();
    org = (await ds.getRepository(Organization).save({ name: `renamed ${randomUUID()}` })).id;
    const account = await addAccount(ds, org, 'openai', 'OpenAI');
    // the directory lists one workspace by the old name; the renamed one is not listed
    await ds.getRepository(Workspace).save({
      organizationId: org,
      providerAccountId: account.id,
      externalId: 'proj_listed',
      providerName: 'Zeta Old',
    });
    keyBefore = (
      await ds.getRepository(ApiKey).save({
        organizationId: org,
        providerAccountId: account.id,
        externalId: 'key_before',
        hint: 'sk-key_before',
        name: 'before',
        workspaceExternalId: 'proj_moved',
      })
    ).id;
    const record = (day: string, workspaceId: string, workspaceName: string, key: string, cost: string) =>
      buildCostRecord({
        provider: 'openai',
        day,
        workspaceId,
        workspaceName,
        apiKeyId: key,
        apiKeyHint: `sk-${key}`,
        model: 'gpt-4o',
        cost: new Money(cost),
        creditsApplied: new Money('0'),
      });
    const records = [
      record('2025-06-05', 'proj_listed', 'Zeta Old', 'key_listed', '2'),
      // the same day, model and workspace: the first key's records before the rename, the second's after
      record('2025-06-05', 'proj_moved', 'Zeta Old', 'key_before', '3'),
      record('2025-06-05', 'proj_moved', 'Alpha New', 'key_after', '5'),
      record('2025-06-06', 'proj_moved', 'Alpha New', 'key_after', '7'),
    ];
    await replacePartition(ds, {
      organizationId: org,
      providerAccountId: account.id,
      provider: 'openai',
      days: ['2025-06-05', '2025-06-06'],
      records,
    });
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
  });

  it('counts each record by its own name, as the Overview does', async () => {
    const budgets = createBudgetService(pgPoolOf(ds));
    const evaluator = createBudgetEvaluator({
      pool: pgPoolOf(ds),
      budgets,
      pubsub: createInMemoryPubSub<BudgetTopicMap>(),
      logger: createLogger('silent'),
      now: () => NOW,
    });
    const budget = await budgets.create(org, {
      name: 'old name',
      amount: '100',
      period: PERIOD,
      scope: { workspaces: ['Zeta Old'] },
    });
    const whole = await budgets.create(org, { name: 'everything', amount: '100', period: PERIOD, scope: {} });
    // a key and a model: the records too, read once with the budget above's (every key, then)
    const keyAndModel = await budgets.create(org, {
      name: 'key and model',
      amount: '100',
      period: PERIOD,
      scope: { apiKeyIds: [keyBefore], models: ['gpt-4o'] },
    });
    const [status, all, byKey] = await evaluator.statuses(org, [budget, whole, keyAndModel]);
    expect(byKey!.forecast.spent.toFixed()).toBe('3');
    // the listed workspace's 2 and the record named "Zeta Old" before the rename, 3
    expect(status!.forecast.spent.toFixed()).toBe('5');
    expect(all!.forecast.spent.toFixed()).toBe('17');
    const overview = await queryProviderDashboard(
      ds,
      org,
      scopeDashboardFilter(budget.scope, { start: PERIOD.start, end: PERIOD.end }),
      '2025-06-11',
    );
    expect(overview.rows.map((row) => row.spend.toFixed())).toEqual(['5']);
  });
});
