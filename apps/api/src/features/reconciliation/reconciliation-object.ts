import { GAP_CAUSES, GAP_CAUSE_LABELS } from './reconciliation-causes';
import type { ReconciliationResult } from './reconciliation.service';
import type { ReconciliationObject } from './reconciliation.type';

/** A reconciliation as its GraphQL object, each cause keeping its `entityLimit` largest entities. */
export function toReconciliationObject(r: ReconciliationResult, entityLimit: number): ReconciliationObject {
  return {
    period: {
      ...r.window.current,
      previousStart: r.window.previous.start,
      previousEnd: r.window.previous.end,
      comparison: r.window.basis,
    },
    billed: r.billed,
    credits: r.credits,
    net: r.net,
    metered: r.metered,
    gap: r.gap,
    coverage: r.coverage,
    meteredLinesWithoutCost: r.meteredLinesWithoutCost,
    causes: r.causes.map((c) => ({
      cause: c.cause,
      label: GAP_CAUSE_LABELS[c.cause],
      amount: c.amount,
      entityCount: c.entities.length,
      entities: c.entities.slice(0, entityLimit).map((e) => ({
        kind: e.kind,
        provider: e.provider,
        apiKeyId: e.key?.apiKeyId ?? null,
        providerAccountId: e.key?.providerAccountId ?? null,
        externalId: e.key?.externalId ?? null,
        keyLabel: e.key?.label ?? null,
        model: e.model,
        day: e.day,
        amount: e.amount,
      })),
    })),
    days: r.days.map((d) => ({ ...d, causes: GAP_CAUSES.map((cause) => ({ cause, amount: d.causes[cause] })) })),
  };
}
