import type { ProviderSimulator } from '@spendsync/simulators';
import { formatMoney, Money, type ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import type { SoakReport } from './soak-plan';

/** How many cost records repeat another's identity (account, day, workspace, key, model, kind, unit). */
export async function countDuplicateRecords(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT coalesce(sum(n - 1), 0)::text AS n FROM (
      SELECT count(*) AS n FROM cost_records
      GROUP BY provider_account_id, day, workspace_external_id, api_key_external_id, model, charge_kind, unit
      HAVING count(*) > 1) d`);
  return Number(rows[0]!.n);
}

/**
 * Each account's stored cost and credits over its simulator's whole data range against the
 * simulator's ground truth: how many cents they are off in all, and the accounts that are off.
 */
export async function compareWithSimulators(
  db: pg.Pool,
  accounts: ReadonlyMap<ProviderId, string>,
  sims: ReadonlyMap<ProviderId, ProviderSimulator>,
): Promise<{ centsOff: number; mismatches: SoakReport['mismatches'] }> {
  let centsOff = 0;
  const mismatches: SoakReport['mismatches'] = [];
  for (const [provider, id] of accounts) {
    const sim = sims.get(provider)!;
    const { start, end } = sim.dataRange;
    const truth = sim.groundTruth({ start, end });
    const {
      rows: [row],
    } = await db.query<{ cost: string; credits: string }>(
      `SELECT coalesce(sum(cost), 0)::text AS cost, coalesce(sum(credits_applied), 0)::text AS credits
         FROM cost_records WHERE provider_account_id = $1 AND day >= $2 AND day < $3`,
      [id, start, end],
    );
    const off = new Money(row!.cost).sub(truth.cost).abs().add(new Money(row!.credits).sub(truth.credits).abs());
    const cents = Math.round(Number(off.mul(100).toFixed(2)));
    if (cents !== 0) {
      centsOff += cents;
      mismatches.push({
        provider,
        stored: `${formatMoney(new Money(row!.cost))} / credits ${formatMoney(new Money(row!.credits))}`,
        truth: `${formatMoney(truth.cost)} / credits ${formatMoney(truth.credits)}`,
      });
    }
  }
  return { centsOff, mismatches };
}
