import { createCostRecord, type CostRecord, type Day } from '@spendsync/domain';
import type { DayActivity } from './day-activity';
import {
  NO_METRICS,
  addMetrics,
  hasNegativeCount,
  isEmpty,
  isRoundingNoise,
  subMetrics,
  withoutNegativeCounts,
  type Metrics,
} from './metrics';
import type { KeyRow, TeamReport } from './raw';

/** What `/key/list` says about a key, by its hash. */
export type KeyDirectoryEntry = { hint: string | null; alias: string | null; teamId: string | null };
export type KeyDirectory = Map<string, KeyDirectoryEntry>;

/** The model name of spend the proxy recorded without a model (MCP tool calls, pass-through routes). */
export const NO_MODEL = '(no model)';

/** Builds the key directory from `/key/list` rows (hash-only rows carry nothing but the hash). */
export function toKeyDirectory(rows: readonly KeyRow[]): KeyDirectory {
  const directory: KeyDirectory = new Map();
  for (const row of rows) {
    if (typeof row === 'string') directory.set(row, { hint: null, alias: null, teamId: null });
    else if (row.token)
      directory.set(row.token, {
        hint: row.key_name ?? null,
        alias: row.key_alias ?? null,
        teamId: row.team_id ?? null,
      });
  }
  return directory;
}

/** Team names by key hash, from the Enterprise team report (`Unassigned Team` is no name). */
export function teamNamesByKey(report: TeamReport): Map<string, string> {
  const names = new Map<string, string>();
  for (const day of report) {
    for (const team of day.teams ?? []) {
      if (!team.team_name || team.team_name === 'Unassigned Team') continue;
      for (const item of team.metadata ?? []) if (item.api_key) names.set(item.api_key, team.team_name);
    }
  }
  return names;
}

type Owner = { hash: string; alias: string | null; teamId: string | null } | null;

function toRecord(
  day: Day,
  model: string,
  m: Metrics,
  owner: Owner,
  directory: KeyDirectory,
  teamNames: ReadonlyMap<string, string>,
): CostRecord {
  const listed = owner ? directory.get(owner.hash) : undefined;
  const teamId = owner ? (owner.teamId ?? listed?.teamId ?? null) : null;
  return createCostRecord({
    provider: 'litellm',
    day,
    workspaceId: teamId || null,
    workspaceName: owner && teamId ? (teamNames.get(owner.hash) ?? null) : null,
    apiKeyId: owner?.hash || null,
    apiKeyHint: listed?.hint ?? null,
    apiKeyName: owner ? (owner.alias ?? listed?.alias ?? null) : null,
    model,
    chargeKind: 'usage',
    cost: m.spend,
    // LiteLLM's prompt_tokens already include cache reads and writes (it normalizes Anthropic usage that way).
    inputTokens: m.prompt,
    outputTokens: m.completion,
    cachedInputTokens: m.cacheRead,
    cacheWriteTokens: m.cacheWrite,
    requests: m.requests,
  });
}

/**
 * One day's records: per (model, key) from the proxy's per-key breakdown, plus per model what
 * the breakdown leaves out (old proxies have none; new ones may list only the top keys) on a
 * record without a key, plus spend recorded without any model on model `(no model)`. Each level
 * sums exactly to the level above, so the day sums to the proxy's day total.
 */
export function mapLiteLlmDay(
  day: DayActivity,
  directory: KeyDirectory,
  teamNames: ReadonlyMap<string, string>,
): { records: CostRecord[]; warnings: string[] } {
  const records: CostRecord[] = [];
  const warnings: string[] = [];
  const rest = (label: string, whole: Metrics, parts: Metrics): Metrics | null => {
    const left = subMetrics(whole, parts);
    if (left.spend.isNegative() && !isRoundingNoise(left))
      warnings.push(
        `${day.day} ${label}: the total is smaller than the sum of its parts by $${left.spend.neg().toFixed()}; the difference is kept so the day sums to the proxy's total`,
      );
    else if (hasNegativeCount(left))
      warnings.push(
        `${day.day} ${label}: a count of the total is smaller than the sum of its parts; that count is left unknown`,
      );
    const fixed = withoutNegativeCounts(left);
    return isRoundingNoise(fixed) ? null : fixed;
  };
  let modelsTotal = NO_METRICS;
  for (const [model, entry] of day.models) {
    modelsTotal = addMetrics(modelsTotal, entry.total);
    let keyed = NO_METRICS;
    for (const [hash, key] of entry.keys) {
      keyed = addMetrics(keyed, key.metrics);
      if (!isEmpty(key.metrics))
        records.push(
          toRecord(day.day, model, key.metrics, { hash, alias: key.alias, teamId: key.teamId }, directory, teamNames),
        );
    }
    const unattributed = rest(model, entry.total, keyed);
    if (unattributed && !isEmpty(unattributed))
      records.push(toRecord(day.day, model, unattributed, null, directory, teamNames));
  }
  const modelless = rest('all models', day.total, modelsTotal);
  if (modelless && !isEmpty(modelless))
    records.push(toRecord(day.day, NO_MODEL, modelless, null, directory, teamNames));
  return { records, warnings };
}
