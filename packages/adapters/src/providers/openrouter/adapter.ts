import {
  addDays,
  credentialSecrets,
  dayOf,
  eachDay,
  formatCents,
  parseMoney,
  rangeContains,
  rangeLength,
  type CostRecord,
  type Day,
  type DayRange,
  type OpenRouterCredentials,
} from '@spendsync/domain';
import type {
  AdapterCapabilities,
  AdapterDeps,
  ApiKeyRef,
  BillingAdapter,
  CreditBalance,
  VerifyResult,
} from '../../adapter';
import { AdapterError } from '../../errors';
import { createRedactingLogger, type Logger } from '../../logger';
import {
  createOpenRouterKeyClient,
  createOpenRouterManagementClient,
  type OpenRouterKeyClient,
  type OpenRouterManagementClient,
} from './client';
import { mapActivityDay, sumActivity, toKeyRef, type DayUsage, type KeyRef } from './map';
import type { ApiKey, Credits, KeyInfo } from './raw';
import { STANDARD_KEY_MESSAGE, describeKeyUsage, mapStandardKeyDay } from './standard-key';
import { activityWindow, splitByWindow } from './window';

/*
 * What each kind of OpenRouter key can honestly give:
 * - A standard key reads only `GET /key`: its own lifetime usage, running totals for the current
 *   UTC day, week and month, and its limit (see standard-key.ts). It syncs the key's spend so far
 *   today, one record with no model; verify says `limited` and that only today is readable.
 * - A management key reads `GET /activity` (per day, model and provider endpoint; the last 30
 *   completed UTC days; no paging), `GET /credits` (verify's call) and `GET /keys` (offset pages).
 * - Per-key cost comes from `GET /activity?api_key_hash=`, once per key that may have spent
 *   (lifetime usage above zero, created before the range ends), without `date` so one call covers
 *   the whole window. `POST /analytics/query` with the `api_key_id` dimension was not chosen: its
 *   metric names are only listed at run time by `/analytics/meta` and its counts may come as text,
 *   while keyed activity rows have exactly the shape of the account totals, so the keyed parts
 *   subtract from the totals exactly. What the keys do not account for (deleted keys, keys with
 *   only free-model usage) goes to a record without a key, so nothing is counted twice.
 */

/** What OpenRouter can tell us (with a management key; a standard key gives one record a day, see standard-key.ts). */
export const OPENROUTER_CAPABILITIES: AdapterCapabilities = {
  requestCounts: true,
  // Credits are prepaid balance (1 credit = $1), not a discount on usage: nothing to net off.
  credits: false,
  units: [],
  perKeyCost: true,
  // Activity only lists completed UTC days; a day's late generations settle within a day.
  dataDelayHours: 24,
  maxDaysPerCall: 1,
  // GET /activity serves only the last 30 completed UTC days; older days must not be re-synced to empty.
  historyDays: 30,
};

/**
 * Keys that get their own `/activity?api_key_hash=` call per sync. Beyond this the sync would
 * make hundreds of calls, so it records per-model totals only and says so in the log.
 */
export const MAX_KEYS_FOR_BREAKDOWN = 200;

type Mode =
  | { kind: 'management'; client: OpenRouterManagementClient }
  | { kind: 'standard'; keyClient: OpenRouterKeyClient; info: KeyInfo };

const aborted = () => new AdapterError('openrouter', 'ABORTED', 'OpenRouter: the request was aborted');
const checkAborted = (signal?: AbortSignal) => {
  if (signal?.aborted) throw aborted();
};
const describe = (r: DayRange) =>
  `${r.start} to ${addDays(r.end, -1)} (${rangeLength(r)} day${rangeLength(r) === 1 ? '' : 's'})`;

/** A key that may have spent in `range`: some lifetime usage, created before the range ends. */
function mayHaveSpent(key: ApiKey, range: DayRange): boolean {
  if (key.usage !== null && key.usage !== undefined && parseMoney(key.usage).isZero()) return false;
  const created = key.created_at ? Date.parse(key.created_at) : Number.NaN;
  return Number.isNaN(created) || new Date(created).toISOString().slice(0, 10) < range.end;
}

/**
 * Per-key activity: one call per key that may have spent, without `date` (the whole window in
 * one answer) unless the range is a single day. Null when there are too many keys.
 */
async function readKeyedUsage(
  client: OpenRouterManagementClient,
  range: DayRange,
  logger: Logger,
  signal?: AbortSignal,
) {
  const keys = (await client.keys(signal)).filter((k) => mayHaveSpent(k, range));
  if (keys.length > MAX_KEYS_FOR_BREAKDOWN) {
    logger.warn(
      `OpenRouter: ${keys.length} keys have usage; per-key breakdown is limited to ${MAX_KEYS_FOR_BREAKDOWN} keys per sync, so cost is recorded per model without keys`,
    );
    return null;
  }
  const date = rangeLength(range) === 1 ? range.start : undefined;
  const keyed: { key: KeyRef; days: Map<Day, DayUsage> }[] = [];
  for (const key of keys)
    keyed.push({
      key: toKeyRef(key),
      days: sumActivity(await client.activity({ apiKeyHash: key.hash, date }, signal), range),
    });
  return keyed;
}

/** A standard key's one record: its spend so far today, when `range` reaches today. */
async function* listStandardKeyDay(
  mode: Extract<Mode, { kind: 'standard' }>,
  deps: AdapterDeps,
  logger: Logger,
  range: DayRange,
  signal?: AbortSignal,
): AsyncGenerator<CostRecord[]> {
  if (!rangeContains(range, dayOf(deps.now()))) return;
  const record = mapStandardKeyDay(await mode.keyClient.keyInfo(signal), range, deps.now());
  logger.warn(
    `OpenRouter: standard key only, so just the key's spend so far today is recorded. ${STANDARD_KEY_MESSAGE}`,
  );
  if (record) yield [record];
}

async function* listCostRecords(
  resolve: (s?: AbortSignal) => Promise<Mode>,
  deps: AdapterDeps,
  logger: Logger,
  range: DayRange,
  signal?: AbortSignal,
): AsyncGenerator<CostRecord[]> {
  checkAborted(signal);
  const mode = await resolve(signal);
  if (mode.kind === 'standard') {
    yield* listStandardKeyDay(mode, deps, logger, range, signal);
    return;
  }
  const split = splitByWindow(range, activityWindow(deps.now()));
  if (split.tooOld)
    logger.warn(
      `OpenRouter: activity covers only the last 30 completed UTC days; ${describe(split.tooOld)} is older and was skipped`,
    );
  if (split.notComplete)
    logger.info(`OpenRouter: ${describe(split.notComplete)} is not complete yet and is read by a later sync`);
  const inside = split.inside;
  if (!inside) return;
  const keyed = await readKeyedUsage(mode.client, inside, logger, signal);
  for (const day of eachDay(inside)) {
    const totals =
      sumActivity(await mode.client.activity({ date: day }, signal), { start: day, end: addDays(day, 1) }).get(day) ??
      new Map();
    const parts = (keyed ?? []).map(({ key, days }) => ({ key, usage: days.get(day) ?? new Map() }));
    const { records, warnings } = mapActivityDay(day, totals, parts);
    warnings.forEach((w) => logger.warn(`OpenRouter: ${w}`));
    if (records.length > 0) yield records;
  }
}

/** `GET /credits`: lifetime credits bought and used (USD, 1 credit = $1); what is left is their difference. */
function creditBalance(credits: Credits): CreditBalance {
  const granted = parseMoney(credits.total_credits);
  const used = parseMoney(credits.total_usage);
  return { granted, used, remaining: granted.sub(used) };
}

function toApiKeyRef(key: ApiKey): ApiKeyRef {
  const ref = toKeyRef(key);
  return {
    id: ref.id,
    workspaceId: ref.workspaceId,
    name: ref.name,
    hint: ref.hint,
    status: key.disabled ? 'disabled' : 'active',
  };
}

/**
 * The OpenRouter adapter. With a management key (or an API key that turns out to be one): daily
 * activity per model, split per key, plus the key list. With a standard key only: verify says
 * `limited` (with the key's usage and limit) and a sync records the key's spend so far today.
 * `create` makes no call.
 */
export function createOpenRouterAdapter(credentials: OpenRouterCredentials, deps: AdapterDeps): BillingAdapter {
  const secrets = credentialSecrets('openrouter', credentials);
  const logger = createRedactingLogger(deps.logger, secrets);
  const keyClient = createOpenRouterKeyClient(credentials.apiKey, secrets, deps);
  const given = credentials.provisioningKey
    ? createOpenRouterManagementClient(credentials.provisioningKey, secrets, deps)
    : undefined;
  let detected: Promise<Mode> | undefined;

  // Without a management key, `GET /key` tells whether the API key is itself a management key.
  const resolve = (signal?: AbortSignal): Promise<Mode> => {
    if (given) return Promise.resolve({ kind: 'management', client: given });
    detected ??= keyClient.keyInfo(signal).then(
      (info): Mode =>
        info.is_management_key || info.is_provisioning_key
          ? { kind: 'management', client: createOpenRouterManagementClient(credentials.apiKey, secrets, deps) }
          : { kind: 'standard', keyClient, info },
      (error: unknown) => {
        detected = undefined;
        throw error;
      },
    );
    return detected;
  };

  async function verify(signal?: AbortSignal): Promise<VerifyResult> {
    checkAborted(signal);
    if (given) {
      const balance = creditBalance(await given.credits(signal)).remaining;
      return {
        accountName: null,
        detail: 'full',
        message: `Management key: daily cost per model and per API key for the last 30 days. Credit balance: $${formatCents(balance)}.`,
      };
    }
    const mode = await resolve(signal);
    if (mode.kind === 'management')
      return {
        accountName: null,
        detail: 'full',
        message: 'The API key is a management key: daily cost per model and per API key for the last 30 days.',
      };
    return {
      accountName: null,
      detail: 'limited',
      message: `${STANDARD_KEY_MESSAGE} ${describeKeyUsage(mode.info)}`,
      readableDays: 0,
    };
  }

  return {
    provider: 'openrouter',
    capabilities: OPENROUTER_CAPABILITIES,
    verify,
    listCostRecords: (range, signal) => listCostRecords(resolve, deps, logger, range, signal),
    async listApiKeys(signal) {
      checkAborted(signal);
      const mode = await resolve(signal);
      // A standard key cannot list keys; there is nothing to show rather than an error.
      return mode.kind === 'management' ? (await mode.client.keys(signal)).map(toApiKeyRef) : [];
    },
    async readBalance(signal) {
      checkAborted(signal);
      const mode = await resolve(signal);
      // `GET /credits` needs a management key; a standard key's own limit is not the account's balance.
      if (mode.kind !== 'management') return null;
      return creditBalance(await mode.client.credits(signal));
    },
  };
}
