import { dayOf, isThresholdReached, thresholdKey, type BudgetThreshold } from '@spendsync/domain';
import type pg from 'pg';
import { withTransaction } from '../../database/transaction';
import type { PubSub } from '../../pubsub/pubsub';
import type { AppLogger } from '../../logger';
import { buildAlertPayload } from './alert-payload';
import { BUDGET_TOPICS, type BudgetAlertFired, type BudgetTopicMap } from './budget.topics';
import { accountsInScope, computeBudgetStatuses, loadOrganizationFacts, type BudgetStatus } from './budget-status';
import type { BudgetRecord, BudgetService } from './budget.service';

/** How the evaluator is built. */
export type BudgetEvaluatorDeps = {
  pool: pg.Pool;
  budgets: BudgetService;
  pubsub: Pick<PubSub<BudgetTopicMap>, 'publish'>;
  logger: AppLogger;
  now?: () => Date;
  /** Called after deliveries were queued, so a worker can send them now rather than at its next poll. */
  onDeliveriesQueued?: () => void;
};

/** What one evaluation did. */
export type EvaluationResult = {
  budgets: number;
  fired: BudgetAlertFired[];
  recovered: BudgetAlertFired[];
  perBudgetMs: number[];
};

type EventKey = string;
/** A threshold of a budget whose state changes. */
type Crossing = { status: BudgetStatus; threshold: BudgetThreshold };
type Recovery = Crossing & { eventId: string };
type StoredEvent = { id: string; recovered: boolean };

const key = (budgetId: string, periodStart: string, threshold: BudgetThreshold): EventKey =>
  `${budgetId}|${periodStart}|${thresholdKey(threshold)}`;

function alertOf(
  status: BudgetStatus,
  threshold: BudgetThreshold,
  eventId: string,
  change: BudgetAlertFired['change'],
  at: Date,
): BudgetAlertFired {
  return {
    eventId,
    organizationId: status.budget.organizationId,
    budgetId: status.budget.id,
    budgetName: status.budget.name,
    change,
    thresholdKind: threshold.kind,
    thresholdPercent: threshold.percent,
    periodStart: status.period.start,
    periodEnd: status.period.end,
    budgetAmount: status.budget.amount.toFixed(),
    spent: status.forecast.spent.toFixed(),
    forecast: status.forecast.forecast?.toFixed() ?? null,
    at: at.toISOString(),
  };
}

/**
 * Evaluates budgets: computes each one's status and records threshold crossings. A reached
 * threshold is inserted into `budget_alert_events` with ON CONFLICT DO NOTHING on its unique
 * key, and only the process whose insert won queues the deliveries (same transaction) and
 * publishes `alertFired`; so it fires once per period however many processes evaluate. A fired
 * threshold no longer reached gets `recovered_at` and does not fire again that period.
 */
export function createBudgetEvaluator(deps: BudgetEvaluatorDeps) {
  const now = deps.now ?? (() => new Date());

  /** Inserts the crossings (once: ON CONFLICT DO NOTHING), queues their deliveries and marks recoveries, in one transaction. */
  async function record(fires: Crossing[], recoveries: Recovery[], result: EvaluationResult): Promise<void> {
    if (fires.length === 0 && recoveries.length === 0) return;
    const at = now();
    await withTransaction(deps.pool, async (client) => {
      if (fires.length > 0) {
        const column = <T>(read: (c: Crossing) => T) => fires.map(read);
        const { rows } = await client.query<{
          id: string;
          budget_id: string;
          threshold_kind: string;
          threshold_percent: number;
          fired_at: Date;
        }>(
          `INSERT INTO budget_alert_events (organization_id, budget_id, period_start, period_end, threshold_kind, threshold_percent, budget_amount, spent, forecast)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::text[], $6::int[], $7::numeric[], $8::numeric[], $9::numeric[])
           ON CONFLICT ON CONSTRAINT budget_alert_events_once_key DO NOTHING
           RETURNING id, budget_id, threshold_kind, threshold_percent, fired_at`,
          [
            column((c) => c.status.budget.organizationId),
            column((c) => c.status.budget.id),
            column((c) => c.status.period.start),
            column((c) => c.status.period.end),
            column((c) => c.threshold.kind),
            column((c) => c.threshold.percent),
            column((c) => c.status.budget.amount.toFixed()),
            column((c) => c.status.forecast.spent.toFixed()),
            column((c) => c.status.forecast.forecast?.toFixed() ?? null),
          ],
        );
        const byKey = new Map(fires.map((c) => [`${c.status.budget.id}|${thresholdKey(c.threshold)}`, c]));
        const inserted = rows.map((row) => ({
          row,
          crossing: byKey.get(`${row.budget_id}|${row.threshold_kind}:${row.threshold_percent}`)!,
        }));
        if (inserted.length > 0) {
          await client.query(
            `INSERT INTO notification_deliveries (organization_id, channel_id, alert_event_id, event_type, payload, status, next_attempt_at)
             SELECT c.organization_id, c.id, e.id, 'budget.threshold_fired', e.payload, 'pending', $3
             FROM unnest($1::uuid[], $2::jsonb[]) e(id, payload)
             JOIN budget_alert_events ev ON ev.id = e.id
             JOIN notification_channels c ON c.organization_id = ev.organization_id`,
            [
              inserted.map((x) => x.row.id),
              inserted.map((x) =>
                JSON.stringify(buildAlertPayload(x.row.id, x.crossing.status, x.crossing.threshold, x.row.fired_at)),
              ),
              at,
            ],
          );
        }
        for (const x of inserted)
          result.fired.push(alertOf(x.crossing.status, x.crossing.threshold, x.row.id, 'fired', x.row.fired_at));
      }
      if (recoveries.length > 0) {
        const { rows } = await client.query<{ id: string; recovered_at: Date }>(
          `UPDATE budget_alert_events e SET recovered_at = now(), recovered_spent = x.s
           FROM unnest($1::uuid[], $2::numeric[]) x(id, s) WHERE e.id = x.id AND e.recovered_at IS NULL RETURNING e.id, e.recovered_at`,
          [recoveries.map((r) => r.eventId), recoveries.map((r) => r.status.forecast.spent.toFixed())],
        );
        for (const row of rows) {
          const r = recoveries.find((x) => x.eventId === row.id)!;
          result.recovered.push(alertOf(r.status, r.threshold, row.id, 'recovered', row.recovered_at));
        }
      }
    });
  }

  async function storedEvents(budgets: readonly BudgetRecord[]): Promise<Map<EventKey, StoredEvent>> {
    const { rows } = await deps.pool.query<{
      id: string;
      budget_id: string;
      period_start: string;
      threshold_kind: 'actual' | 'forecast';
      threshold_percent: number;
      recovered_at: Date | null;
    }>(
      `SELECT id, budget_id, period_start::text, threshold_kind, threshold_percent, recovered_at FROM budget_alert_events WHERE budget_id = ANY($1::uuid[])`,
      [budgets.map((b) => b.id)],
    );
    return new Map(
      rows.map((r) => [
        key(r.budget_id, r.period_start, { kind: r.threshold_kind, percent: r.threshold_percent }),
        { id: r.id, recovered: r.recovered_at !== null },
      ]),
    );
  }

  /** What one budget's status changes: thresholds newly reached, and fired ones no longer reached. */
  function crossings(
    status: BudgetStatus,
    events: Map<EventKey, StoredEvent>,
    fires: Crossing[],
    recoveries: Recovery[],
  ): void {
    for (const threshold of status.budget.thresholds) {
      const stored = events.get(key(status.budget.id, status.period.start, threshold));
      const reached = isThresholdReached(threshold, status.budget.amount, status.forecast);
      if (reached && !stored) fires.push({ status, threshold });
      else if (
        !reached &&
        stored &&
        !stored.recovered &&
        (threshold.kind === 'actual' || status.forecast.canFireForecast)
      ) {
        recoveries.push({ status, threshold, eventId: stored.id });
      }
    }
  }

  return {
    /**
     * Evaluates the organization's budgets (only those whose scope can include `accountId`, when
     * given: the account a sync run just wrote), records crossings and publishes them.
     */
    async evaluateOrganization(
      organizationId: string,
      options: { accountId?: string } = {},
    ): Promise<EvaluationResult> {
      const today = dayOf(now());
      const facts = await loadOrganizationFacts(deps.pool, organizationId);
      const all = await deps.budgets.list(organizationId);
      const budgets = options.accountId
        ? all.filter((b) => accountsInScope(b, facts).some((a) => a.id === options.accountId))
        : all;
      const result: EvaluationResult = { budgets: budgets.length, fired: [], recovered: [], perBudgetMs: [] };
      if (budgets.length === 0) return result;
      const events = await storedEvents(budgets);
      const fires: Crossing[] = [];
      const recoveries: Recovery[] = [];
      // One set-based read for all of them; the per-budget time is the whole computation shared out.
      const started = performance.now();
      const statuses = await computeBudgetStatuses(deps.pool, budgets, facts, today);
      const share = (performance.now() - started) / budgets.length;
      for (const status of statuses) {
        crossings(status, events, fires, recoveries);
        result.perBudgetMs.push(share);
      }
      await record(fires, recoveries, result);
      for (const event of [...result.fired, ...result.recovered])
        await deps.pubsub.publish(BUDGET_TOPICS.ALERT_FIRED, event);
      if (result.fired.length > 0) deps.onDeliveriesQueued?.();
      return result;
    },
    /** Evaluates every organization that has budgets (the schedule). */
    async evaluateAll(): Promise<EvaluationResult[]> {
      const { rows } = await deps.pool.query<{ organization_id: string }>(
        'SELECT DISTINCT organization_id FROM budgets',
      );
      const results: EvaluationResult[] = [];
      for (const row of rows) {
        try {
          results.push(await this.evaluateOrganization(row.organization_id));
        } catch (error) {
          deps.logger.error(
            { organizationId: row.organization_id, err: String(error) },
            'Evaluating budgets failed; the next sync or tick retries',
          );
        }
      }
      return results;
    },
    /** Current status of each budget of the organization (no side effects), for the API. */
    async statuses(organizationId: string, budgets?: readonly BudgetRecord[]): Promise<BudgetStatus[]> {
      const today = dayOf(now());
      const facts = await loadOrganizationFacts(deps.pool, organizationId);
      return computeBudgetStatuses(deps.pool, budgets ?? (await deps.budgets.list(organizationId)), facts, today);
    },
  };
}

/** The budget evaluator (see {@link createBudgetEvaluator}). */
export type BudgetEvaluator = ReturnType<typeof createBudgetEvaluator>;
