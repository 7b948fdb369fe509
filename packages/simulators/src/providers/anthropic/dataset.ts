import { Money, addDays, daysBetween, eachDay, parseMoney, sumMoney, type Day, type DayRange } from '@spendsync/domain';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';
import { simModels, type SimModel } from './sim-models';

/** Size of the generated organization. */
export type AnthropicDatasetOptions = {
  seed: number;
  start: Day;
  days: number;
  /** Workspaces including the default one (which Anthropic reports with a null id). */
  workspaces: number;
  keysPerWorkspace: number;
  models: number;
  /** Fraction of (key, model, day) cells with usage. */
  density: number;
};

export type SimWorkspace = { id: string | null; name: string; archivedAt: string | null };
export type SimKey = { id: string; name: string; hint: string; workspaceId: string | null; status: string };

/** One usage cell: what a key (null: Console) used of a model on a day. */
export type SimUsage = {
  workspaceId: string | null;
  apiKeyId: string | null;
  model: string;
  uncached: number;
  cacheRead: number;
  write5m: number;
  write1h: number;
  output: number;
  webSearches: number;
};

/** One cost row as the cost report groups it by workspace and description; `cents` is exact. */
export type SimCost = {
  workspaceId: string | null;
  description: string;
  costType: string;
  model: string | null;
  tokenType: string | null;
  cents: Money;
};

export type AnthropicDataset = {
  readonly workspaces: readonly SimWorkspace[];
  readonly keys: readonly SimKey[];
  readonly models: readonly SimModel[];
  readonly range: DayRange;
  /** Usage and cost of one day, generated on demand from the day's own seed. */
  day(day: Day): { usage: SimUsage[]; cost: SimCost[] };
  /** Exact total cost (USD) of the days in `range`. */
  totalUsd(range: DayRange): Money;
};

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz';
const token = (r: Random, n: number) => Array.from({ length: n }, () => r.pick([...ALPHABET])).join('');
/** Web search is $10 per 1,000 searches: one cent each. Code execution is $0.05 per container hour. */
const CENTS_PER_SEARCH = parseMoney(1);
const CENTS_PER_CONTAINER_HOUR = parseMoney(5);

function createOrganization(o: AnthropicDatasetOptions): { workspaces: SimWorkspace[]; keys: SimKey[] } {
  const r = createRandom(deriveSeed(o.seed, 'organization'));
  const workspaces: SimWorkspace[] = Array.from({ length: Math.max(1, o.workspaces) }, (_, i) => ({
    id: i === 0 ? null : `wrkspc_01${token(r, 22)}`,
    name: i === 0 ? 'Default Workspace' : `Team ${i}`,
    // With three or more, the last workspace is archived: its history still counts.
    archivedAt: i > 0 && i === o.workspaces - 1 && o.workspaces >= 3 ? `${o.start}T00:00:00Z` : null,
  }));
  const keys = workspaces.flatMap((w, wi) =>
    Array.from({ length: o.keysPerWorkspace }, (_, ki) => ({
      id: `apikey_01${token(r, 22)}`,
      name: `${w.id === null ? 'default' : `team-${wi}`}-key-${ki + 1}`,
      hint: `sk-ant-api03-${token(r, 3)}...${token(r, 2)}AA`,
      workspaceId: w.id,
      status: w.archivedAt ? 'archived' : ki === 1 ? 'inactive' : 'active',
    })),
  );
  return { workspaces, keys };
}

function usageCell(r: Random, workspaceId: string | null, apiKeyId: string | null, model: string): SimUsage {
  const maybe = (p: number, max: number) => (r.chance(p) ? r.int(1, max) : 0);
  return {
    workspaceId,
    apiKeyId,
    model,
    uncached: r.int(1_000, 2_000_000),
    cacheRead: maybe(0.5, 3_000_000),
    write5m: maybe(0.4, 300_000),
    write1h: maybe(0.15, 100_000),
    output: r.int(100, 400_000),
    webSearches: maybe(0.1, 50),
  };
}

/** The organization's generated usage for one day (an idle day has none). */
function generateUsage(
  o: AnthropicDatasetOptions,
  org: { workspaces: SimWorkspace[]; keys: SimKey[] },
  models: readonly SimModel[],
  day: Day,
  index: number,
): SimUsage[] {
  const r = createRandom(deriveSeed(o.seed, 'usage', day));
  if (index >= 3 && r.chance(0.08)) return [];
  const cells: SimUsage[] = [];
  for (const w of org.workspaces) {
    const slots = [...org.keys.filter((k) => k.workspaceId === w.id).map((k) => k.id), null];
    for (const slot of slots) {
      for (const m of models) {
        // Console / Workbench traffic is rarer than traffic through keys.
        if (r.chance(slot === null ? o.density / 3 : o.density)) cells.push(usageCell(r, w.id, slot, m.id));
      }
    }
  }
  return cells;
}

const centsFor = (tokens: number, usdPerMTok: string) => parseMoney(tokens).mul(usdPerMTok).div(10_000);

type Totals = Omit<SimUsage, 'workspaceId' | 'apiKeyId' | 'model'>;

/** Usage summed per (workspace, model) in one pass, in first-seen order. */
function sumByWorkspaceModel(
  usage: readonly SimUsage[],
): Map<string, { workspaceId: string | null; model: string; t: Totals }> {
  const sums = new Map<string, { workspaceId: string | null; model: string; t: Totals }>();
  for (const u of usage) {
    const key = `${u.workspaceId}|${u.model}`;
    const s = sums.get(key) ?? {
      workspaceId: u.workspaceId,
      model: u.model,
      t: { uncached: 0, cacheRead: 0, write5m: 0, write1h: 0, output: 0, webSearches: 0 },
    };
    for (const f of ['uncached', 'cacheRead', 'write5m', 'write1h', 'output', 'webSearches'] as const) s.t[f] += u[f];
    sums.set(key, s);
  }
  return sums;
}

/** Cost rows priced from the usage, plus code execution and session fees; zero rows are left out. */
function costOf(
  o: AnthropicDatasetOptions,
  models: readonly SimModel[],
  workspaces: readonly SimWorkspace[],
  usage: readonly SimUsage[],
  day: Day,
): SimCost[] {
  const rows: SimCost[] = [];
  const byId = new Map(models.map((m) => [m.id, m]));
  for (const { workspaceId, model, t } of sumByWorkspaceModel(usage).values()) {
    const m = byId.get(model) as SimModel;
    const add = (what: string, tokenType: string, tokens: number, price: string) => {
      if (tokens > 0)
        rows.push({
          workspaceId,
          description: `${m.label} Usage - ${what}`,
          costType: 'tokens',
          model,
          tokenType,
          cents: centsFor(tokens, price),
        });
    };
    add('Input Tokens', 'uncached_input_tokens', t.uncached, m.input);
    add('Input Tokens, Cache Hit', 'cache_read_input_tokens', t.cacheRead, m.cacheRead);
    add('Input Tokens, Cache Write 5m', 'cache_creation.ephemeral_5m_input_tokens', t.write5m, m.cacheWrite5m);
    add('Input Tokens, Cache Write 1h', 'cache_creation.ephemeral_1h_input_tokens', t.write1h, m.cacheWrite1h);
    add('Output Tokens', 'output_tokens', t.output, m.output);
    if (t.webSearches > 0)
      rows.push({
        workspaceId,
        description: 'Web Search Usage',
        costType: 'web_search',
        model,
        tokenType: null,
        cents: CENTS_PER_SEARCH.mul(t.webSearches),
      });
  }
  if (usage.length === 0) return rows;
  const r = createRandom(deriveSeed(o.seed, 'fees', day));
  for (const w of workspaces) {
    // Fees that no usage report shows: they stay at workspace level.
    if (r.chance(0.3)) {
      rows.push({
        workspaceId: w.id,
        description: 'Code Execution Usage',
        costType: 'code_execution',
        model: null,
        tokenType: null,
        cents: CENTS_PER_CONTAINER_HOUR.mul(r.int(1, 400)).div(10),
      });
    }
    if (r.chance(0.1)) {
      rows.push({
        workspaceId: w.id,
        description: 'Session Usage',
        costType: 'session_usage',
        model: null,
        tokenType: null,
        cents: parseMoney(r.int(1, 900)).div(4),
      });
    }
  }
  return rows;
}

/**
 * A deterministic organization (default workspace included, keys, Console usage, models) whose
 * days are generated lazily from per-day seeds, so a 3-record test and a million-record
 * benchmark use the same code without holding everything in memory.
 */
export function createAnthropicDataset(o: AnthropicDatasetOptions): AnthropicDataset {
  const org = createOrganization(o);
  const models = simModels(o.models);
  const range = { start: o.start, end: addDays(o.start, o.days) };
  const cache = new Map<Day, { usage: SimUsage[]; cost: SimCost[] }>();
  const day = (d: Day) => {
    const hit = cache.get(d);
    if (hit) return hit;
    const index = daysBetween(o.start, d);
    const usage = d >= range.start && d < range.end ? generateUsage(o, org, models, d, index) : [];
    const generated = { usage, cost: costOf(o, models, org.workspaces, usage, d) };
    if (cache.size >= 8) cache.delete(cache.keys().next().value as Day);
    cache.set(d, generated);
    return generated;
  };
  const totalUsd = (r: DayRange) =>
    sumMoney(
      eachDay({
        start: r.start > range.start ? r.start : range.start,
        end: r.end < range.end ? r.end : range.end,
      }).flatMap((d) => day(d).cost.map((c) => c.cents)),
    ).div(100);
  return { ...org, models, range, day, totalUsd };
}
