import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { addDays, dayOf, PROVIDER_IDS, type ProviderId } from '@spendsync/domain';
import pg from 'pg';
import { findFreePort } from '../../src/database/free-port';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { deadProcesses, stopSoakProcesses, stuckRunTrail } from './soak-trail';
import type { UntypedData } from '../support/untyped-data';
import { startSoakBalancer } from './soak-balancer';
import { compareWithSimulators, countDuplicateRecords } from './soak-checks';
import { loadFigures, startDashboardLoad } from './soak-load';
import { startSoakPostgres } from './soak-postgres';
import type { SubscribersMessage, SubscribersSetup } from './soak-subscribers.child';
import { FAULTS, GOES_AWAY, type SoakReport, type SoakSize } from './soak-plan';

export { SOAK_SIZES, type SoakReport, type SoakSize } from './soak-plan';

const ENUM = (provider: ProviderId) => provider.toUpperCase().replace(/-/g, '_');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (n: number) => Math.round(n * 100) / 100;
const ADMIN = { email: 'soak-admin@example.com', password: 'soak correct horse battery staple' };

type GraphqlBody = { data?: UntypedData; errors?: { message: string }[] };

/**
 * The fault and load suite (README "Fault and load suite"): spendsync as real processes (2 API
 * processes behind a local balancer, 1 worker, the built CLI) on a PostgreSQL server of its own
 * and the nine providers' simulators; load, subscribers and faults at once; then the checks.
 */
export async function runSoak(size: SoakSize, log: (line: string) => void = () => undefined): Promise<SoakReport> {
  const startedAt = Date.now();
  const cleanup: (() => Promise<unknown>)[] = [];
  const step = (line: string) => log(`[soak +${Math.round((Date.now() - startedAt) / 1000)}s] ${line}`);
  try {
    const postgres = await startSoakPostgres('spendsync_soak');
    cleanup.push(() => postgres.stop());
    step(`PostgreSQL on :${postgres.port}`);
    const db = new pg.Pool({ connectionString: postgres.url, max: 3 });
    db.on('error', () => undefined);
    cleanup.push(() => db.end());

    // Simulators: every provider, history ending yesterday (all settled by the time the checks run).
    const today = dayOf(new Date());
    const simOptions = (index: number, port?: number) => ({
      seed: 100 + index,
      start: addDays(today, -size.days),
      days: size.days,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
      host: '127.0.0.1',
      ...(port === undefined ? {} : { port }),
    });
    const sims = new Map<ProviderId, ProviderSimulator>();
    cleanup.push(() => Promise.allSettled([...sims.values()].map((s) => s.close())));
    for (const [index, provider] of PROVIDER_IDS.entries()) {
      sims.set(provider, await simulators[provider](simOptions(index)));
    }
    const tmp = await mkdtemp(path.join(tmpdir(), 'spendsync-soak-'));
    cleanup.push(() => rm(tmp, { recursive: true, force: true }));
    // Azure's simulator speaks HTTPS with its own certificate: the processes trust it as an operator would.
    const caFile = path.join(tmp, 'simulators-ca.pem');
    const ca = sims.get('azure')?.adapterDeps().sdk?.ca;
    await writeFile(caFile, typeof ca === 'string' ? ca : '');

    const apiPorts = [await findFreePort(), await findFreePort()];
    const env = {
      DATABASE_URL: postgres.url,
      SPENDSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
      SPENDSYNC_ADMIN_EMAIL: ADMIN.email,
      SPENDSYNC_ADMIN_PASSWORD: ADMIN.password,
      SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: 'false',
      SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS: 'true',
      SPENDSYNC_LITELLM_ALLOWED_HOSTS: '127.0.0.1',
      SPENDSYNC_BACKFILL_DAYS: String(size.days + 5),
      SPENDSYNC_SYNC_SCHEDULE: '0 0 1 1 *',
      SPENDSYNC_JOB_LEASE_SECONDS: '10',
      SPENDSYNC_WORKER_CONCURRENCY: '3',
      SPENDSYNC_WORKER_PORT: '0',
      NODE_EXTRA_CA_CERTS: caFile,
      LOG_LEVEL: 'info',
    };
    const processes: ServeProcess[] = [];
    const killedOnPurpose = new Set<ServeProcess>();
    cleanup.push(() => stopSoakProcesses(processes, process.env.SOAK_LOG_DIR));
    const listening = (line: Record<string, unknown>) => line.msg === 'spendsync API listening';
    const startApi = (index: number) => {
      const proc = startServeProcess(`api#${index + 1}`, 'api', { ...env, PORT: String(apiPorts[index]) });
      processes.push(proc);
      return proc;
    };
    const apis = [startApi(0), startApi(1)];
    const worker = startServeProcess('worker#1', 'worker', env);
    processes.push(worker);
    await Promise.all([
      ...apis.map((a) => a.waitForLog(listening, 180_000)),
      worker.waitForLog((l) => l.msg === 'spendsync worker running', 180_000),
    ]);
    const balancer = await startSoakBalancer(apiPorts);
    cleanup.push(() => balancer.close());
    const url = `http://127.0.0.1:${balancer.port}`;
    step(`2 API processes (:${apiPorts.join(', :')}) behind :${balancer.port}, 1 worker`);

    let token = '';
    const gql = async (query: string, variables: Record<string, unknown> = {}, bearer = token) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphqlBody;
      if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    token = (
      await gql('mutation($e: String!, $p: String!) { spendsyncLogin(email: $e, password: $p) { token } }', {
        e: ADMIN.email,
        p: ADMIN.password,
      })
    ).spendsyncLogin.token;
    // One API token per 10 subscribers: the graphql-ws caps (connections and subscriptions per caller) hold.
    const tokens: string[] = [];
    for (let i = 0; i < Math.ceil(size.subscribers / 10); i += 1) {
      const created = await gql('mutation($n: String!) { spendsyncCreateApiToken(name: $n) { token } }', {
        n: `soak subscriber ${i + 1}`,
      });
      tokens.push(created.spendsyncCreateApiToken.token);
    }

    const accounts = new Map<ProviderId, string>();
    for (const [provider, sim] of sims) {
      const linked = await gql(
        `mutation($input: LinkProviderInput!) { spendsyncLinkProvider(input: $input) { account { id } run { id } } }`,
        {
          input: {
            provider: ENUM(provider),
            label: `${provider} (soak)`,
            credentials: sim.credentials,
            endpoint: sim.adapterDeps().baseUrl ?? null,
          },
        },
      );
      accounts.set(provider, linked.spendsyncLinkProvider.account.id);
    }
    const providerOf = new Map([...accounts].map(([provider, id]) => [id, provider]));
    type RunRow = { id: string; provider_account_id: string; status: string; error: string | null };
    const openRuns = async () =>
      (
        await db.query<RunRow>(
          `SELECT id, provider_account_id, status, error FROM sync_runs WHERE status IN ('queued', 'running')`,
        )
      ).rows;
    const waitForQuiet = async (what: string, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const open = await openRuns().catch(() => [{} as RunRow]);
        if (open.length === 0) return true;
        if (Date.now() > deadline) {
          step(`${what}: ${open.length} runs still open after ${timeoutMs / 1000} s`);
          return false;
        }
        await sleep(500);
      }
    };
    await waitForQuiet('the backfills', 240_000);
    step(`linked ${accounts.size} accounts; backfills done`);

    // Subscribers, in their own process.
    const child = fork(path.join(__dirname, 'soak-subscribers.child.ts'), [], {
      execArgv: ['-r', path.join(__dirname, '..', 'support', 'swc-register.cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    cleanup.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const fromChild = (kind: SubscribersMessage['kind'], timeoutMs: number) =>
      new Promise<SubscribersMessage>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The subscribers did not report "${kind}" in time`)),
          timeoutMs,
        );
        child.on('message', (message: SubscribersMessage) => {
          if (message.kind !== kind) return;
          clearTimeout(timer);
          resolve(message);
        });
      });
    const ready = fromChild('ready', 120_000);
    child.send({
      url: `ws://127.0.0.1:${balancer.port}/graphql`,
      tokens,
      subscribers: size.subscribers,
    } satisfies SubscribersSetup);
    await ready;
    step(`${size.subscribers} subscribers connected`);

    // Load, then faults, then recovery.
    const load = startDashboardLoad(url, token, size.connections);
    cleanup.push(() => load.stop());
    await sleep(size.warmupSec * 1_000); // connections opened, caches and JIT warm: not measured
    const beforeAt = Date.now();
    await sleep(size.beforeSec * 1_000);
    const duringAt = Date.now();
    step('faults on');
    const refresh = (id: string | undefined) =>
      gql('mutation($id: ID!) { spendsyncRefreshProvider(id: $id) { alreadyRunning } }', { id });
    /** Refreshes `ids` (every account by default), whatever each answers. */
    const refreshAll = async (ids: readonly string[] = [...accounts.values()]) => {
      await Promise.allSettled(ids.map(refresh));
    };
    /**
     * Until every account has a run started and finished since `since`, and none is open. A refresh
     * can start none: it finds a run in progress (a job of the fault phase that pg-boss retried),
     * or no worker takes its job within 15 s (it runs later). Such an account, once idle, is
     * refreshed again.
     */
    const finishFinalRuns = async (since: Date, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const open = await openRuns().catch(() => [{} as RunRow]);
        const finished = await db
          .query<{ account: string }>(
            `SELECT DISTINCT provider_account_id::text AS account FROM sync_runs
              WHERE created_at >= $1 AND status NOT IN ('queued', 'running')`,
            [since],
          )
          .then((r) => new Set(r.rows.map((row) => row.account)))
          .catch(() => new Set<string>());
        const missing = [...accounts.values()].filter((id) => !finished.has(id));
        if (missing.length === 0 && open.length === 0) return true;
        if (Date.now() > deadline) {
          step(
            `the final syncs: ${missing.length} accounts without one, ${open.length} runs open after ${timeoutMs / 1000} s`,
          );
          return false;
        }
        const busy = new Set(open.map((run) => run.provider_account_id));
        const idle = missing.filter((id) => !busy.has(id));
        if (idle.length > 0 && open.length === 0) {
          await refreshAll(idle);
        }
        await sleep(1_000);
      }
    };
    const armFaults = () => {
      for (const [provider, sim] of sims) sim.faults.set(FAULTS[provider].spec);
    };
    let faultPhase = true;
    const cycle = (async () => {
      while (faultPhase) {
        armFaults();
        await refreshAll();
        await sleep(3_000);
      }
    })();
    const at = (fraction: number) => sleep(Math.max(0, duringAt + fraction * size.duringSec * 1_000 - Date.now()));

    await at(0.15);
    step('PostgreSQL restart');
    const pgDown = await postgres.restart(size.pgDownSec * 1_000);
    step(`PostgreSQL back after ${pgDown.upAt - pgDown.downAt} ms`);

    await at(0.4);
    step('SIGKILL api#1');
    const killedAt = Date.now();
    killedOnPurpose.add(apis[0]!);
    apis[0]!.child.kill('SIGKILL');
    await apis[0]!.exited;
    apis[0] = startApi(0);
    const apiBack = apis[0].waitForLog(listening, 120_000);

    await at(0.6);
    step(`${GOES_AWAY} simulator goes away mid-page`);
    const leaving = sims.get(GOES_AWAY)!;
    const port = Number(new URL(leaving.url).port);
    leaving.faults.set({ slowMs: 2_000 });
    const callsBefore = leaving.calls.length;
    await refresh(accounts.get(GOES_AWAY)).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (leaving.calls.length === callsBefore && Date.now() < deadline) await sleep(100);
    await sleep(500); // the page is being served (slowly)
    const goneAt = Date.now();
    await leaving.close();
    await sleep(3_000);
    const index = PROVIDER_IDS.indexOf(GOES_AWAY);
    sims.set(GOES_AWAY, await simulators[GOES_AWAY](simOptions(index, port)));

    await at(1);
    faultPhase = false;
    await cycle;
    for (const sim of sims.values()) sim.faults.clear();
    const duringEnd = Date.now();
    await apiBack;
    step('faults off; waiting for open runs to end');
    await waitForQuiet('after the faults', 180_000);
    const afterAt = Date.now();
    await sleep(size.afterSec * 1_000);
    const afterEnd = Date.now();
    await load.stop();
    step(`load stopped (${load.samples.length} requests)`);

    // A last fault-free sync of every account: its totals must match the simulators exactly.
    const finalStart = new Date();
    await refreshAll();
    await finishFinalRuns(finalStart, 240_000);
    const finalRows = (
      await db.query<RunRow>(
        `SELECT DISTINCT ON (provider_account_id) id, provider_account_id, status, error
           FROM sync_runs WHERE created_at >= $1 ORDER BY provider_account_id, created_at DESC`,
        [finalStart],
      )
    ).rows;
    await sleep(2_000); // the final events reach the subscribers
    const reported = fromChild('report', 60_000);
    child.send({ kind: 'finish', runIds: finalRows.map((r) => r.id) });
    const { report: subscribers } = (await reported) as Extract<SubscribersMessage, { kind: 'report' }>;
    step('checks');

    const died = deadProcesses(processes, killedOnPurpose);
    const stuck = await openRuns();
    const runsStuck = stuck.length;
    const runCounts = Object.fromEntries(
      (
        await db.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM sync_runs GROUP BY status`,
        )
      ).rows.map((r) => [r.status, r.n]),
    );
    const duplicates = await countDuplicateRecords(db);
    const { centsOff, mismatches } = await compareWithSimulators(db, accounts, sims);

    const samples = load.samples;
    const { p95Ms, errorRatePct, errorRateWithPgDownPct, errorSeconds } = loadFigures(samples, {
      beforeAt,
      duringAt,
      duringEnd,
      afterAt,
      afterEnd,
      pgDown,
    });
    const invariantsMet =
      runsStuck === 0 && centsOff === 0 && duplicates === 0 && subscribers.lost === 0 && died.length === 0;
    const goalsMet =
      invariantsMet &&
      errorRatePct <= 1 &&
      p95Ms.before !== null &&
      p95Ms.after !== null &&
      p95Ms.after <= p95Ms.before * 1.2;
    const { sampleErrors, ...subscriberCounts } = subscribers;
    return {
      version: size.version,
      requests: samples.length,
      errorRatePct,
      errorRateWithPgDownPct,
      errorSeconds,
      p95Ms,
      faults: {
        pgRestart: { atSecond: Math.floor((pgDown.downAt - duringAt) / 1000), downMs: pgDown.upAt - pgDown.downAt },
        apiKilledAtSecond: Math.floor((killedAt - duringAt) / 1000),
        simulatorGoneAtSecond: Math.floor((goneAt - duringAt) / 1000),
        apiKilled: 1,
        simulatorGoneMidPage: GOES_AWAY,
        simulatorFaults: Object.fromEntries(PROVIDER_IDS.map((p) => [p, FAULTS[p].label])),
      },
      runsStuck,
      ...(runsStuck > 0 ? stuckRunTrail(stuck, processes, worker, providerOf) : {}),
      processesDied: died,
      centsOff,
      duplicates,
      subscribers: { ...subscriberCounts, ...(sampleErrors.length > 0 ? { sampleErrors } : {}) },
      finalRuns: Object.fromEntries(
        finalRows.map((r) => [providerOf.get(r.provider_account_id) ?? r.provider_account_id, r.status]),
      ),
      runs: runCounts,
      mismatches,
      seconds: Math.round((Date.now() - startedAt) / 1000),
      loadAverage: loadavg().map((n) => round2(n)),
      goalsMet,
      invariantsMet,
    };
  } finally {
    for (const undo of cleanup.reverse()) await undo().catch(() => undefined);
  }
}
