import {
  addDays,
  credentialSecrets,
  dayOf,
  rangeContains,
  rangeLength,
  splitDayRange,
  type CostRecord,
  type DayRange,
  type LiteLlmCredentials,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, ApiKeyRef, BillingAdapter, VerifyResult } from '../../adapter';
import { AdapterError, isAdapterError } from '../../errors';
import { createRedactingLogger, type Logger } from '../../logger';
import { createLiteLlmClient, type LiteLlmClient } from './client';
import { completeDays } from './day-activity';
import { isNotPremiumError } from './classify-error';
import { mapLiteLlmDay, teamNamesByKey, toKeyDirectory } from './map';
import type { KeyRow } from './raw';

/** What a LiteLLM proxy can tell us. */
export const LITELLM_CAPABILITIES: AdapterCapabilities = {
  requestCounts: true,
  credits: false,
  units: [],
  perKeyCost: true,
  // The proxy writes its daily spend tables in batches within about a minute; an hour is ample.
  dataDelayHours: 1,
  maxDaysPerCall: 31,
};

/** What an open-source proxy cannot give, said in the sync log instead of failing. */
export const NOT_PREMIUM_WARNING =
  'LiteLLM: /global/spend/report is a LiteLLM Enterprise route and this proxy is open source (not_premium_user), ' +
  'so team names are missing: teams appear by id. Spend, tokens and requests per key, team and model are complete.';

const checkAborted = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new AdapterError('litellm', 'ABORTED', 'LiteLLM: the request was aborted');
};
const describe = (r: DayRange) => `${r.start} to ${addDays(r.end, -1)} (${rangeLength(r)} days)`;

/**
 * Team names from the Enterprise report; an open-source proxy (or one whose report fails for
 * another reason than the key) just gives none, once said in the log. Key and abort errors pass.
 */
function createTeamNames(client: LiteLlmClient, logger: Logger) {
  let enterprise: boolean | undefined;
  return {
    get enterprise() {
      return enterprise;
    },
    /** Names for `range`; `strict` (verify) lets every failure but `not_premium_user` through. */
    async read(range: DayRange, signal?: AbortSignal, strict = false): Promise<Map<string, string>> {
      if (enterprise === false) return new Map();
      try {
        const names = teamNamesByKey(await client.teamReport(range, signal));
        enterprise = true;
        return names;
      } catch (error) {
        if (isNotPremiumError(error)) {
          if (enterprise === undefined) logger.warn(NOT_PREMIUM_WARNING);
          enterprise = false;
          return new Map();
        }
        if (
          strict ||
          !isAdapterError(error) ||
          !['BAD_REQUEST', 'NOT_FOUND', 'INVALID_RESPONSE', 'UPSTREAM_UNAVAILABLE'].includes(error.code)
        )
          throw error;
        logger.warn(
          `LiteLLM: team names for ${describe(range)} are missing because the team report failed (${error.message}); spend is complete`,
        );
        return new Map();
      }
    },
  };
}

/**
 * The key list, for hints and aliases. A proxy without `/key/list` (or with other parameters)
 * still has spend to sync, so that costs only the hints; a refused key still fails the sync.
 */
async function readKeys(client: LiteLlmClient, logger: Logger, signal?: AbortSignal): Promise<KeyRow[]> {
  try {
    return await client.keys(signal);
  } catch (error) {
    if (!isAdapterError(error, 'NOT_FOUND') && !isAdapterError(error, 'BAD_REQUEST')) throw error;
    logger.warn(
      `LiteLLM: the key list is unavailable (${error.message}); records carry key ids and aliases but no key hints`,
    );
    return [];
  }
}

function toApiKeyRef(row: KeyRow): ApiKeyRef | null {
  if (typeof row === 'string') return { id: row, workspaceId: null, name: null, hint: null };
  if (!row.token) return null;
  return {
    id: row.token,
    workspaceId: row.team_id || null,
    name: row.key_alias ?? null,
    hint: row.key_name ?? null,
    status: row.blocked ? 'blocked' : 'active',
  };
}

/**
 * The LiteLLM adapter, reading the user's own proxy with its master key or a proxy-admin key:
 * daily spend per model and key (`/user/daily/activity`), teams from the keys, key hints from
 * `/key/list`, team names from the Enterprise report when the proxy has it. `create` makes no call.
 */
export function createLiteLlmAdapter(credentials: LiteLlmCredentials, deps: AdapterDeps): BillingAdapter {
  const baseUrl = deps.baseUrl ?? credentials.baseUrl;
  const secrets = credentialSecrets('litellm', credentials);
  const logger = createRedactingLogger(deps.logger, secrets);
  const client = createLiteLlmClient(credentials.apiKey, baseUrl, secrets, deps);
  const teams = createTeamNames(client, logger);

  async function verify(signal?: AbortSignal): Promise<VerifyResult> {
    checkAborted(signal);
    // One small admin-only call: a non-admin key gets the proxy's role denial, and the answer
    // (report or not_premium_user) tells the edition.
    const today = dayOf(deps.now());
    await teams.read({ start: addDays(today, -1), end: today }, signal, true);
    const accountName = new URL(baseUrl).host;
    if (teams.enterprise)
      return {
        accountName,
        detail: 'full',
        message: 'Proxy-admin key on LiteLLM Enterprise: spend per key, team (with names) and model.',
      };
    return {
      accountName,
      detail: 'full',
      message:
        'Proxy-admin key on an open-source proxy: spend per key, team and model; team names need LiteLLM Enterprise, so teams show by id.',
    };
  }

  async function* listCostRecords(range: DayRange, signal?: AbortSignal): AsyncGenerator<CostRecord[]> {
    checkAborted(signal);
    if (range.start >= range.end) return;
    const directory = toKeyDirectory(await readKeys(client, logger, signal));
    let found = false;
    for (const chunk of splitDayRange(range, LITELLM_CAPABILITIES.maxDaysPerCall)) {
      const names = await teams.read(chunk, signal);
      for await (const days of completeDays(client.dailyActivity(chunk, signal))) {
        const records: CostRecord[] = [];
        for (const day of days.filter((d) => rangeContains(chunk, d.day))) {
          const mapped = mapLiteLlmDay(day, directory, names);
          mapped.warnings.forEach((w) => logger.warn(`LiteLLM: ${w}`));
          records.push(...mapped.records);
        }
        if (records.length > 0) {
          found = true;
          yield records;
        }
      }
    }
    // How far back the proxy keeps spend is its own setting; an empty old window is normal.
    if (!found)
      logger.info(
        `LiteLLM: the proxy reports no spend for ${describe(range)} (nothing was spent, or it keeps no data that far back)`,
      );
  }

  return {
    provider: 'litellm',
    capabilities: LITELLM_CAPABILITIES,
    verify,
    listCostRecords,
    async listApiKeys(signal) {
      checkAborted(signal);
      return (await client.keys(signal)).map(toApiKeyRef).filter((k): k is ApiKeyRef => k !== null);
    },
  };
}
