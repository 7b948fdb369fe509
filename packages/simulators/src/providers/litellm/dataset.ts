import { createHash } from 'node:crypto';
import { Money, ZERO, addDays, eachDay, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';

/**
 * A generated LiteLLM proxy for the simulator: teams, virtual keys, the master key and the rows
 * of its daily spend table (`LiteLLM_DailyUserSpend`: one per day, key and model). Spend is held
 * as integer units of 1e-8 USD so sums are exact; rows are made per day on demand.
 */

/** USD per unit of the integer amounts below. */
export const UNITS_PER_USD = 100_000_000;

/** A deployment as the proxy records it, with its price per token in 1e-8 USD. */
export type LiteLlmSimModel = {
  model: string;
  group: string;
  provider: string;
  inPrice: number;
  outPrice: number;
  caching: boolean;
};

const CATALOGUE: readonly LiteLlmSimModel[] = [
  { model: 'gpt-4o-2024-08-06', group: 'gpt-4o', provider: 'openai', inPrice: 250, outPrice: 1000, caching: true },
  {
    model: 'claude-3-5-sonnet-20241022',
    group: 'claude-sonnet',
    provider: 'anthropic',
    inPrice: 300,
    outPrice: 1500,
    caching: true,
  },
  { model: 'text-embedding-3-small', group: 'embeddings', provider: 'openai', inPrice: 2, outPrice: 0, caching: false },
  { model: 'gemini-2.0-flash', group: 'gemini-flash', provider: 'vertex_ai', inPrice: 10, outPrice: 40, caching: true },
  { model: 'llama3.1:8b', group: 'local-llama', provider: 'ollama', inPrice: 0, outPrice: 0, caching: false },
];

/** A team of the proxy. */
export type LiteLlmSimTeam = { id: string; alias: string };

/** A key. The master key and the deleted key are not in `/key/list`; the others belong to internal users. */
export type LiteLlmSimKey = {
  index: number;
  secret: string;
  /** SHA-256 of the secret, as spend data names the key. */
  token: string;
  alias: string | null;
  team: LiteLlmSimTeam | null;
  userId: string;
  kind: 'master' | 'virtual' | 'deleted';
  createdAt: string;
};

/** One row of the daily spend table; `model` null for spend without a model (MCP tool calls). */
export type SpendRow = {
  day: Day;
  key: LiteLlmSimKey;
  model: LiteLlmSimModel | null;
  requests: number;
  failed: number;
  prompt: number;
  completion: number;
  cacheRead: number;
  cacheWrite: number;
  spend: number;
};

/** The generated proxy. */
export type LiteLlmDataset = {
  readonly range: DayRange;
  readonly teams: readonly LiteLlmSimTeam[];
  /** Master key first. */
  readonly keys: readonly LiteLlmSimKey[];
  /** Rows of `day` in table order (key, then model); none outside the data range. */
  rowsOn(day: Day): SpendRow[];
  /** Number of rows of `day`, remembered so paging a large proxy stays cheap. */
  rowCount(day: Day): number;
  groundTruth(range: DayRange): GroundTruth;
};

/** A virtual key as LiteLLM makes them: `sk-` and 22 URL-safe characters. */
export const makeLiteLlmSecret = (random: Random) => `sk-${random.hex(22)}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const uuid = (r: Random) => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-9${r.hex(3)}-${r.hex(12)}`;

function makeKeys(
  seed: number,
  start: Day,
  teamCount: number,
  perTeam: number,
): { teams: LiteLlmSimTeam[]; keys: LiteLlmSimKey[] } {
  const random = createRandom(deriveSeed(seed, 'keys'));
  const names = ['ml-research', 'support-bot', 'growth', 'platform', 'data-eng'];
  const teams = Array.from({ length: teamCount }, (_, i) => ({ id: uuid(random), alias: names[i] ?? `team-${i + 1}` }));
  const keys: LiteLlmSimKey[] = [];
  const add = (kind: LiteLlmSimKey['kind'], team: LiteLlmSimTeam | null, alias: string | null) => {
    const secret = kind === 'master' ? `sk-master-${random.hex(24)}` : makeLiteLlmSecret(random);
    keys.push({
      index: keys.length,
      secret,
      token: sha256(secret),
      alias,
      team,
      userId: kind === 'master' ? 'default_user_id' : `user-${random.hex(8)}`,
      kind,
      createdAt: `${addDays(start, -random.int(2, 120))}T10:00:00.000Z`,
    });
  };
  add('master', null, null);
  for (const team of teams)
    for (let i = 0; i < perTeam; i++)
      add('virtual', team, `${team.alias}-${['prod', 'staging', 'ci', 'dev'][i % 4]}${i >= 4 ? `-${i}` : ''}`);
  add('virtual', null, 'personal-notebook');
  add('deleted', teams[0] ?? null, 'old-ci');
  return { teams, keys };
}

function makeRow(day: Day, key: LiteLlmSimKey, model: LiteLlmSimModel | null, random: Random): SpendRow {
  if (model === null) {
    return {
      day,
      key,
      model,
      requests: random.int(1, 20),
      failed: 0,
      prompt: 0,
      completion: 0,
      cacheRead: 0,
      cacheWrite: 0,
      spend: random.int(100, 50_000),
    };
  }
  const requests = random.int(1, 200);
  const prompt = requests * random.int(100, 3000);
  const completion = model.outPrice === 0 && model.inPrice > 0 ? 0 : requests * random.int(20, 800);
  const cacheRead = model.caching ? Math.floor((prompt * random.int(0, 40)) / 100) : 0;
  const cacheWrite = model.caching ? Math.floor((prompt * random.int(0, 5)) / 100) : 0;
  // Cache reads at a tenth of the input price, the rest of the prompt (cache writes included) at full price.
  const spend =
    (prompt - cacheRead) * model.inPrice + cacheRead * Math.floor(model.inPrice / 10) + completion * model.outPrice;
  return {
    day,
    key,
    model,
    requests,
    failed: Math.floor((requests * random.int(0, 5)) / 100),
    prompt,
    completion,
    cacheRead,
    cacheWrite,
    spend,
  };
}

/** Builds the proxy for `options` (seed, start, days, workspaces = teams, keysPerWorkspace, models, density). */
export function createLiteLlmDataset(options: SimulatorOptions = {}): LiteLlmDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range: DayRange = { start, end: addDays(start, Math.max(1, options.days ?? 31)) };
  const density = options.density ?? 0.6;
  const models = Array.from({ length: Math.max(1, options.models ?? 4) }, (_, i) => {
    const base = CATALOGUE[i % CATALOGUE.length] as LiteLlmSimModel;
    return i < CATALOGUE.length ? base : { ...base, model: `${base.model}-sim-${i}`, group: `${base.group}-sim-${i}` };
  });
  const { teams, keys } = makeKeys(
    seed,
    start,
    Math.max(1, options.workspaces ?? 3),
    Math.max(1, options.keysPerWorkspace ?? 3),
  );
  const counts = new Map<Day, number>();

  // Paging reads a day's rows a page at a time; keeping the last day made saves regenerating it per page.
  let last: { day: Day; rows: SpendRow[] } | undefined;
  const rowsOn = (day: Day): SpendRow[] => {
    if (last?.day !== day) last = { day, rows: makeRows(day) };
    return last.rows;
  };
  const makeRows = (day: Day): SpendRow[] => {
    if (day < range.start || day >= range.end) return [];
    const rows: SpendRow[] = [];
    for (const key of keys) {
      // Every fourth virtual key sits idle; the master key and the deleted key have spent.
      if (key.kind === 'virtual' && key.index % 4 === 3) continue;
      models.forEach((model, m) => {
        const random = createRandom(deriveSeed(seed, 'row', day, key.index, m));
        if (random.chance(density)) rows.push(makeRow(day, key, model, random));
      });
      const tool = createRandom(deriveSeed(seed, 'tool-row', day, key.index));
      if (key.index === 1 && tool.chance(0.5)) rows.push(makeRow(day, key, null, tool));
    }
    return rows;
  };
  const rowCount = (day: Day): number => {
    const known = counts.get(day);
    if (known !== undefined) return known;
    const n = rowsOn(day).length;
    counts.set(day, n);
    return n;
  };
  const groundTruth = (query: DayRange): GroundTruth => {
    const from = query.start > range.start ? query.start : range.start;
    const to = query.end < range.end ? query.end : range.end;
    let units = 0;
    if (from < to)
      for (const day of eachDay({ start: from, end: to })) for (const row of rowsOn(day)) units += row.spend;
    return { cost: new Money(units).div(UNITS_PER_USD), credits: ZERO };
  };
  return { range, teams, keys, rowsOn, rowCount, groundTruth };
}
