import {
  addDays,
  credentialSecrets,
  dayOf,
  splitDayRange,
  type CostRecord,
  type DayRange,
  type OpenAiCredentials,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, ApiKeyRef, BillingAdapter, WorkspaceRef } from '../../adapter';
import { isAdapterError } from '../../errors';
import { createRedactingLogger } from '../../logger';
import { USAGE_KINDS } from './aggregate';
import { USAGE_PAGE_LIMIT, createOpenAiClient, type OpenAiClient } from './client';
import { EMPTY_DIRECTORY, mapOpenAiWindow, type OpenAiDirectory } from './map';

/** What OpenAI's Admin API can give. */
export const OPENAI_CAPABILITIES: AdapterCapabilities = {
  requestCounts: true,
  credits: false,
  units: ['images'],
  // Allocated from project/model cost by each key's share of usage.
  perKeyCost: true,
  // OpenAI documents no delay. What is known (shared/providers/saas-apis.md §1.2, observed by
  // third parties, not measured by us): the current UTC day's buckets are partial and a closed
  // day's costs may still be revised. So a day counts as complete once it has closed plus a day
  // (24 h); the schedule's look-back re-reads the last two complete days for late revisions.
  dataDelayHours: 24,
  // The usage endpoints take at most 31 one-day buckets per page; one window joins costs and usage.
  maxDaysPerCall: USAGE_PAGE_LIMIT,
};

async function readDirectory(client: OpenAiClient, deps: AdapterDeps, signal?: AbortSignal): Promise<OpenAiDirectory> {
  try {
    const projects = await client.projects(signal);
    const keys = new Map<string, { name: string | null; hint: string | null }>();
    for (const project of projects) {
      for (const key of await client.projectKeys(project.id, signal))
        keys.set(key.id, { name: key.name ?? null, hint: key.redacted_value ?? null });
    }
    return { projects: new Map(projects.map((p) => [p.id, p.name ?? null])), keys };
  } catch (error) {
    // A key restricted to usage read cannot list projects; records still sync, without names.
    if (!isAdapterError(error, 'CREDENTIAL_REJECTED') && !isAdapterError(error, 'NOT_FOUND')) throw error;
    deps.logger.warn(
      `OpenAI: projects and keys cannot be listed (${error.code}); records keep ids without names or key hints`,
    );
    return EMPTY_DIRECTORY;
  }
}

/** Groups records by day, in day order, so each yield is one day. */
function byDay(records: CostRecord[]): CostRecord[][] {
  const days = new Map<string, CostRecord[]>();
  for (const record of records) {
    const list = days.get(record.day);
    if (list) list.push(record);
    else days.set(record.day, [record]);
  }
  return [...days.keys()].sort().map((day) => days.get(day) ?? []);
}

/** The OpenAI adapter: Admin API costs joined with usage, cost allocated to keys. */
export function createOpenAiAdapter(credentials: OpenAiCredentials, deps: AdapterDeps): BillingAdapter {
  const secrets = credentialSecrets('openai', credentials);
  const safeDeps: AdapterDeps = { ...deps, logger: createRedactingLogger(deps.logger, secrets) };
  const client = createOpenAiClient(credentials.apiKey, secrets, safeDeps);
  // Names and hints change rarely: one listing per adapter instance (one sync run) serves every
  // window it reads, instead of a project-by-project walk per chunk. A failed listing is retried.
  let directory: Promise<OpenAiDirectory> | undefined;
  const directoryOnce = (signal?: AbortSignal) => {
    directory ??= readDirectory(client, safeDeps, signal).catch((error: unknown) => {
      directory = undefined;
      throw error;
    });
    return directory;
  };

  async function* listCostRecords(range: DayRange, signal?: AbortSignal): AsyncIterable<CostRecord[]> {
    if (range.end <= range.start) return;
    const directory = await directoryOnce(signal);
    for (const part of splitDayRange(range, OPENAI_CAPABILITIES.maxDaysPerCall)) {
      const costs = await client.costs(part, signal);
      const completions = await client.usage('completions', part, signal);
      const embeddings = await client.usage('embeddings', part, signal);
      const images = await client.usage('images', part, signal);
      const records = mapOpenAiWindow({ costs, usage: { completions, embeddings, images } }, directory, part);
      safeDeps.logger.debug(
        `OpenAI: ${records.length} records for ${part.start}..${part.end} (${USAGE_KINDS.join(', ')} joined with costs)`,
      );
      yield* byDay(records);
    }
  }

  return {
    provider: 'openai',
    capabilities: OPENAI_CAPABILITIES,
    async verify(signal) {
      const today = dayOf(deps.now());
      await client.probe({ start: addDays(today, -1), end: today }, signal);
      return { detail: 'full' };
    },
    listCostRecords,
    async listWorkspaces(signal): Promise<WorkspaceRef[]> {
      const projects = await client.projects(signal);
      return projects.map((p) => ({
        id: p.id,
        name: p.name ?? null,
        archived: p.status === 'archived' || (p.archived_at ?? null) !== null,
      }));
    },
    async listApiKeys(signal): Promise<ApiKeyRef[]> {
      const keys: ApiKeyRef[] = [];
      for (const project of await client.projects(signal)) {
        for (const key of await client.projectKeys(project.id, signal)) {
          keys.push({
            id: key.id,
            workspaceId: project.id,
            name: key.name ?? null,
            hint: key.redacted_value ?? null,
            lastUsedAt: key.last_used_at ? new Date(key.last_used_at * 1000) : null,
          });
        }
      }
      return keys;
    },
  };
}
