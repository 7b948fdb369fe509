import {
  Money,
  ZERO,
  addDays,
  dayOf,
  eachDay,
  forecastRunway,
  projectRunway,
  type Day,
  type ProviderId,
  type RunwayForecast,
  type RunwayProjectionPoint,
} from '@spendsync/domain';
import type pg from 'pg';
import type { CreditGrantRecord, CreditGrantService } from './credit-grant.service';

/** Days of balance history a runway carries (before its `asOf`). */
export const RUNWAY_HISTORY_DAYS = 60;

/** One day's balance: `reported` when a provider said so that day, else worked out from the usage or credits since. */
export type RunwayHistoryPoint = { day: Day; balance: Money; reported: boolean };

/** The runway of one provider balance or one grant. */
export type Runway = {
  /** `balance:<provider account id>` or `grant:<grant id>`. */
  id: string;
  kind: 'balance' | 'grant';
  providerAccountId: string;
  provider: ProviderId;
  accountLabel: string;
  /** The grant's name, or the account's label for a balance. */
  name: string;
  grantId: string | null;
  /** Lifetime credits bought (balances that report it) or the grant's amount. */
  granted: Money | null;
  /** Lifetime credits used (balances that report it) or the credits the grant covered so far. */
  used: Money | null;
  startsOn: Day | null;
  expiresOn: Day | null;
  /** The threshold that applies: the grant's own, else the organization's; null: no notification. */
  notifyUnderDays: number | null;
  forecast: RunwayForecast;
  history: RunwayHistoryPoint[];
  projection: RunwayProjectionPoint[];
};

type AccountRow = { id: string; provider: ProviderId; label: string; settled_through: string | null };
type SnapshotRow = {
  provider_account_id: string;
  day: string;
  remaining: string;
  granted: string | null;
  used: string | null;
};
type BurnRow = { provider_account_id: string; day: string; cost: string; credits: string };

const money = (text: string | null) => (text === null ? null : new Money(text));
const settledBefore = (account: AccountRow) => (account.settled_through ? addDays(account.settled_through, 1) : null);

/** Daily figures of one account: usage (cost) and credits applied, and its first day with any record. */
type Burn = { cost: Map<Day, Money>; credits: Map<Day, Money>; firstDay: Day };

function burnByAccount(rows: readonly BurnRow[]): Map<string, Burn> {
  const out = new Map<string, Burn>();
  for (const row of rows) {
    let burn = out.get(row.provider_account_id);
    if (!burn) out.set(row.provider_account_id, (burn = { cost: new Map(), credits: new Map(), firstDay: row.day }));
    if (row.day < burn.firstDay) burn.firstDay = row.day;
    burn.cost.set(row.day, new Money(row.cost));
    burn.credits.set(row.day, new Money(row.credits));
  }
  return out;
}

/**
 * The first day an account has records, when that is after `from` (the first day read): window
 * days before it are not counted, so an account linked last week is not diluted by empty days.
 */
function firstDataDay(burn: Burn | undefined, from: Day): Day | null {
  return burn && burn.firstDay > from ? burn.firstDay : null;
}

/** A prepaid balance's runway: the latest snapshot, burnt by usage. Earlier days add back the usage since. */
function balanceRunway(
  account: AccountRow,
  snapshots: readonly SnapshotRow[],
  burn: Burn | undefined,
  notify: number | null,
  from: Day,
): Runway {
  const latest = snapshots[snapshots.length - 1]!;
  const asOf = latest.day;
  const remaining = new Money(latest.remaining);
  const usage = burn?.cost ?? new Map<Day, Money>();
  const first = firstDataDay(burn, from);
  const forecast = forecastRunway({
    remaining,
    asOf,
    dailyBurn: usage,
    settledBefore: settledBefore(account),
    burnFrom: first,
  });
  const reported = new Map(snapshots.map((s) => [s.day, new Money(s.remaining)]));
  const history: RunwayHistoryPoint[] = [];
  let later = ZERO; // usage on the days after `day` up to asOf
  // Before the account's first record there is no usage to add back: the history starts there.
  for (
    let day = asOf, i = 0;
    i <= RUNWAY_HISTORY_DAYS && (first === null || day >= first);
    i += 1, day = addDays(day, -1)
  ) {
    const seen = reported.get(day);
    history.push(
      seen ? { day, balance: seen, reported: true } : { day, balance: remaining.add(later), reported: false },
    );
    later = later.add(usage.get(day) ?? ZERO);
  }
  return {
    id: `balance:${account.id}`,
    kind: 'balance',
    providerAccountId: account.id,
    provider: account.provider,
    accountLabel: account.label,
    name: account.label,
    grantId: null,
    granted: money(latest.granted),
    used: money(latest.used),
    startsOn: null,
    expiresOn: null,
    notifyUnderDays: notify,
    forecast,
    history: history.reverse(),
    projection: projectRunway(forecast),
  };
}

/**
 * A grant's runway: its amount less the credits applied on its account from its start (to its expiry), burnt
 * by credits applied.
 */
function grantRunway(
  grant: CreditGrantRecord,
  account: AccountRow,
  burn: Burn | undefined,
  today: Day,
  orgNotify: number | null,
  from: Day,
): Runway {
  const credits = burn?.credits ?? new Map<Day, Money>();
  const last = grant.expiresOn !== null && grant.expiresOn < today ? grant.expiresOn : today;
  const balances: RunwayHistoryPoint[] = [];
  let balance = grant.amount;
  if (grant.startsOn <= last) {
    for (const day of eachDay({ start: grant.startsOn, end: addDays(last, 1) })) {
      balance = balance.sub(credits.get(day) ?? ZERO);
      balances.push({ day, balance, reported: false });
    }
  }
  const remaining = balance.isNegative() ? ZERO : balance;
  const forecast = forecastRunway({
    remaining,
    asOf: today,
    dailyBurn: credits,
    settledBefore: settledBefore(account),
    expiresOn: grant.expiresOn,
    burnFrom: [grant.startsOn, firstDataDay(burn, from) ?? grant.startsOn].sort().at(-1),
  });
  return {
    id: `grant:${grant.id}`,
    kind: 'grant',
    providerAccountId: account.id,
    provider: account.provider,
    accountLabel: account.label,
    name: grant.name,
    grantId: grant.id,
    granted: grant.amount,
    used: grant.amount.sub(balance),
    startsOn: grant.startsOn,
    expiresOn: grant.expiresOn,
    notifyUnderDays: grant.notifyUnderDays ?? orgNotify,
    forecast,
    history: balances.slice(-(RUNWAY_HISTORY_DAYS + 1)),
    projection: grant.startsOn > today ? [] : projectRunway(forecast, { expiresOn: grant.expiresOn }),
  };
}

/** Runways of an organization's provider balances and grants. */
export type CreditRunwayService = ReturnType<typeof createCreditRunwayService>;

/** Creates the runway service (reads only). */
export function createCreditRunwayService(deps: { pool: pg.Pool; grants: CreditGrantService; now: () => Date }) {
  const { pool } = deps;

  async function notifySetting(organizationId: string): Promise<number | null> {
    const { rows } = await pool.query<{ notify_under_days: number | null }>(
      'SELECT notify_under_days FROM runway_alert_settings WHERE organization_id = $1',
      [organizationId],
    );
    return rows[0]?.notify_under_days ?? null;
  }

  return {
    notifySetting,
    async setNotifySetting(organizationId: string, days: number | null): Promise<number | null> {
      await pool.query(
        `INSERT INTO runway_alert_settings (organization_id, notify_under_days) VALUES ($1, $2)
         ON CONFLICT (organization_id) DO UPDATE SET notify_under_days = EXCLUDED.notify_under_days,
           updated_at = now()`,
        [organizationId, days],
      );
      return days;
    },

    /** Every runway of the organization (or of one account): balances first, then grants, by name. */
    async list(organizationId: string, options: { providerAccountId?: string | null } = {}): Promise<Runway[]> {
      const today = dayOf(deps.now());
      const accountFilter = options.providerAccountId ?? null;
      const [{ rows: accounts }, grants, orgNotify] = await Promise.all([
        pool.query<AccountRow>(
          `SELECT id, provider, label, settled_through::text FROM provider_accounts
           WHERE organization_id = $1 AND ($2::text IS NULL OR id::text = $2)`,
          [organizationId, accountFilter],
        ),
        deps.grants.list(organizationId),
        notifySetting(organizationId),
      ]);
      const accountById = new Map(accounts.map((a) => [a.id, a]));
      const myGrants = grants.filter((g) => accountById.has(g.providerAccountId));
      const from = [addDays(today, -(RUNWAY_HISTORY_DAYS + 35)), ...myGrants.map((g) => g.startsOn)].sort()[0]!;
      const ids = accounts.map((a) => a.id);
      const [{ rows: snapshots }, { rows: burnRows }] = await Promise.all([
        pool.query<SnapshotRow>(
          `SELECT provider_account_id, day::text, remaining::text, granted::text, used::text FROM
            credit_balance_snapshots
           WHERE organization_id = $1 AND provider_account_id = ANY($2::uuid[]) AND day >= $3::date ORDER BY day`,
          [organizationId, ids, addDays(today, -RUNWAY_HISTORY_DAYS)],
        ),
        pool.query<BurnRow>(
          `SELECT provider_account_id, day::text, sum(cost)::text AS cost, sum(credits_applied)::text AS credits
           FROM cost_rollup_workspace_models WHERE organization_id = $1 AND provider_account_id =
             ANY($2::uuid[]) AND day >= $3::date
           GROUP BY provider_account_id, day`,
          [organizationId, ids, from],
        ),
      ]);
      const burn = burnByAccount(burnRows);
      const byAccount = new Map<string, SnapshotRow[]>();
      for (const s of snapshots)
        byAccount.set(s.provider_account_id, [...(byAccount.get(s.provider_account_id) ?? []), s]);
      const balances = accounts
        .filter((a) => byAccount.has(a.id))
        .map((a) => balanceRunway(a, byAccount.get(a.id)!, burn.get(a.id), orgNotify, from))
        .sort((a, b) => a.name.localeCompare(b.name));
      const grantRunways = myGrants.map((g) =>
        grantRunway(g, accountById.get(g.providerAccountId)!, burn.get(g.providerAccountId), today, orgNotify, from),
      );
      return [...balances, ...grantRunways];
    },
  };
}
