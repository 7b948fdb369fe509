import type { Day, ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import type { Logger } from '../logger';
import { demoMeteredEntries, uninstrumentedKeys, type DemoTraffic } from './demo-metering-plan';

/** What the demo's metering client needs. */
export type DemoMeteringOptions = {
  /** The demo API's base URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** An API token that can record usage. */
  token: string;
  pool: pg.Pool;
  organizationId: string;
  /** The day OpenAI's exporter was down (`DEMO_METERING.exporterDown`): nothing of OpenAI's is reported for it. */
  exporterDownDay: Day;
  logger: Logger;
  /** How often it looks for new traffic (default 10 s). */
  intervalMs?: number;
};

/** The demo's metering client, stopped with `stop`. */
export type DemoMetering = { reported(): number; tick(): Promise<void>; stop(): Promise<void> };

/** Most reports one tick sends, so the first catch-up stays well under the per-token rate limit. */
const REPORTS_PER_TICK = 60;

/**
 * The simulated traffic: the demo's applications are imaginary, so what they saw is what the
 * simulators served, read back from the synced records and summed per day, key and model.
 */
async function readTraffic(pool: pg.Pool, organizationId: string): Promise<DemoTraffic[]> {
  const { rows } = await pool.query<Record<string, string | null>>(
    `SELECT cr.provider, cr.day::text AS day, k.id AS api_key_id, coalesce(k.hint, cr.api_key_hint) AS hint, cr.model,
       CASE WHEN bool_and(cr.input_tokens IS NOT NULL) THEN sum(cr.input_tokens) END::text AS input_tokens,
       CASE WHEN bool_and(cr.output_tokens IS NOT NULL) THEN sum(cr.output_tokens) END::text AS output_tokens,
       CASE WHEN bool_and(cr.requests IS NOT NULL) THEN sum(cr.requests) END::text AS requests,
       CASE WHEN bool_and(cr.quantity IS NOT NULL) THEN sum(cr.quantity) END::text AS units,
       sum(cr.cost)::text AS cost
     FROM cost_records cr
     -- only accounts whose first sync finished: all their keys are known, so the uninstrumented ones stay the same
     JOIN provider_accounts a ON a.id = cr.provider_account_id AND a.last_synced_at IS NOT NULL
     LEFT JOIN api_keys k ON k.provider_account_id = cr.provider_account_id AND k.external_id = cr.api_key_external_id
     WHERE cr.organization_id = $1 AND cr.charge_kind IN ('usage', 'image') AND cr.cost > 0
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    [organizationId],
  );
  const count = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    provider: r.provider as ProviderId,
    day: r.day!,
    apiKeyId: r.api_key_id,
    hint: r.hint,
    model: r.model!,
    inputTokens: count(r.input_tokens),
    outputTokens: count(r.output_tokens),
    requests: count(r.requests),
    units: r.units,
    cost: r.cost!,
  }));
}

/**
 * A small metering client beside the simulators: every `intervalMs` it reports each provider's
 * new days of traffic through `POST /v1/metered-usage`, one batch per provider and day with an
 * idempotency key (`demo-<provider>-<day>`), so a resent batch is never counted twice. What it
 * leaves out or misprices on purpose is `DEMO_METERING`.
 */
export function startDemoMetering(options: DemoMeteringOptions): DemoMetering {
  const done = new Set<string>();
  /** Each provider's uninstrumented keys, chosen once (on its first synced history) so they stay silent. */
  const silent = new Map<string, Set<string>>();
  let sent = 0;
  let running: Promise<void> | null = null;
  async function report(provider: ProviderId, day: Day, traffic: DemoTraffic[], all: DemoTraffic[]): Promise<boolean> {
    if (!silent.has(provider)) silent.set(provider, uninstrumentedKeys(all.filter((t) => t.provider === provider)));
    const entries = demoMeteredEntries(traffic, silent.get(provider)!, options.exporterDownDay);
    if (entries.length === 0) return true;
    const response = await fetch(`${options.url}/v1/metered-usage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token}`,
        'idempotency-key': `demo-${provider}-${day}`,
      },
      body: JSON.stringify({ source: 'demo-metering', entries }),
    });
    if (response.status === 429) return false;
    if (!response.ok) {
      const body = await response.text();
      options.logger.warn({ status: response.status, body, provider, day }, 'Demo metering report refused');
    }
    sent += 1;
    return true;
  }
  async function tick(): Promise<void> {
    const all = await readTraffic(options.pool, options.organizationId);
    const groups = new Map<string, DemoTraffic[]>();
    for (const t of all) {
      const id = `${t.provider}|${t.day}`;
      if (!done.has(id)) groups.set(id, [...(groups.get(id) ?? []), t]);
    }
    let budget = REPORTS_PER_TICK;
    for (const [id, traffic] of groups) {
      if (budget-- <= 0) break;
      const [provider, day] = id.split('|') as [ProviderId, Day];
      if (!(await report(provider, day, traffic, all))) break;
      done.add(id);
    }
  }
  const runTick = () => {
    running ??= tick()
      .catch((err: unknown) => options.logger.warn({ err }, 'Demo metering tick failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runTick(), options.intervalMs ?? 10_000);
  return {
    reported: () => sent,
    tick: runTick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
