import type { CreditRunwayObject } from './credit-runway.type';
import type { Runway } from './credit-runway.service';
import { isUnderThreshold } from './runway-alerts';

/** A computed runway as its GraphQL object. */
export function toCreditRunwayObject(r: Runway): CreditRunwayObject {
  const f = r.forecast;
  return {
    id: r.id,
    kind: r.kind,
    providerAccountId: r.providerAccountId,
    provider: r.provider,
    accountLabel: r.accountLabel,
    name: r.name,
    grantId: r.grantId,
    granted: r.granted,
    used: r.used,
    remaining: f.remaining,
    asOf: f.asOf,
    startsOn: r.startsOn,
    expiresOn: r.expiresOn,
    status: f.status,
    windowStart: f.window?.start ?? null,
    windowEnd: f.window?.end ?? null,
    basisDays: f.basisDays,
    dailyBurn: f.expected.dailyBurn,
    fastestDailyBurn: f.fastest.dailyBurn,
    slowestDailyBurn: f.slowest.dailyBurn,
    runOutOn: f.expected.runOutOn,
    runOutEarliest: f.fastest.runOutOn,
    runOutLatest: f.slowest.runOutOn,
    daysLeft: f.daysLeft,
    leftAtExpiry: f.leftAtExpiry,
    runsOutBeforeExpiry: f.runsOutBeforeExpiry,
    notifyUnderDays: r.notifyUnderDays,
    underThreshold: isUnderThreshold(r),
    history: r.history,
    projection: r.projection,
  };
}
