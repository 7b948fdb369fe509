import {
  credentialSecrets,
  rangeContains,
  type AnthropicCredentials,
  type CostRecord,
  type DayRange,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, ApiKeyRef, BillingAdapter, WorkspaceRef } from '../../adapter';
import { AdapterError } from '../../errors';
import { DEFAULT_WORKSPACE_ID, DEFAULT_WORKSPACE_NAME, workspaceBucketId } from './buckets';
import { createAnthropicClient, type AnthropicClient } from './client';
import { mapAnthropicDay, type Directory } from './map';
import { mergeReportsByDay } from './merge-days';

/** What Anthropic's Admin API can tell us. */
export const ANTHROPIC_CAPABILITIES: AdapterCapabilities = {
  requestCounts: false,
  credits: false,
  units: [],
  perKeyCost: true,
  // Data "typically appears within 5 minutes"; an hour leaves room for late revisions.
  dataDelayHours: 1,
  maxDaysPerCall: 31,
};

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AdapterError('anthropic', 'ABORTED', 'Anthropic: the request was aborted');
}

async function readDirectory(client: AnthropicClient, signal?: AbortSignal): Promise<Directory> {
  // One after the other: a failure must not leave the other call running unobserved.
  const workspaces = await client.workspaces(signal);
  const keys = await client.apiKeys(signal);
  return {
    workspaces: new Map(workspaces.map((w) => [w.id, w.name ?? null])),
    keys: new Map(keys.map((k) => [k.id, { name: k.name ?? null, hint: k.partial_key_hint ?? null }])),
  };
}

/** Streams records day by day: both reports are paged side by side and each day is mapped once complete. */
async function* listCostRecords(
  client: AnthropicClient,
  range: DayRange,
  signal?: AbortSignal,
): AsyncGenerator<CostRecord[]> {
  checkAborted(signal);
  if (range.start >= range.end) return;
  const directory = await readDirectory(client, signal);
  const days = mergeReportsByDay(client.usagePages(range, signal), client.costPages(range, signal));
  for await (const batch of days) {
    const records = batch
      .filter((d) => rangeContains(range, d.day))
      .flatMap((d) => mapAnthropicDay({ ...d, directory }));
    if (records.length > 0) yield records;
  }
}

/** The Anthropic adapter over an Admin API key. `create` makes no call. */
export function createAnthropicAdapter(credentials: AnthropicCredentials, deps: AdapterDeps): BillingAdapter {
  const client = createAnthropicClient(credentials.apiKey, credentialSecrets('anthropic', credentials), deps);
  return {
    provider: 'anthropic',
    capabilities: ANTHROPIC_CAPABILITIES,
    async verify(signal) {
      checkAborted(signal);
      const organization = await client.me(signal);
      return { accountName: organization.name ?? null, detail: 'full' };
    },
    listCostRecords: (range, signal) => listCostRecords(client, range, signal),
    async listWorkspaces(signal): Promise<WorkspaceRef[]> {
      checkAborted(signal);
      const listed = await client.workspaces(signal);
      // The default workspace is real but never listed; usage names it with a null id.
      return [
        { id: DEFAULT_WORKSPACE_ID, name: DEFAULT_WORKSPACE_NAME, archived: false },
        ...listed.map((w) => ({ id: w.id, name: w.name ?? null, archived: Boolean(w.archived_at) })),
      ];
    },
    async listApiKeys(signal): Promise<ApiKeyRef[]> {
      checkAborted(signal);
      const keys = await client.apiKeys(signal);
      return keys.map((k) => ({
        id: k.id,
        workspaceId: workspaceBucketId(k.workspace_id),
        name: k.name ?? null,
        hint: k.partial_key_hint ?? null,
        status: k.status ?? null,
      }));
    },
  };
}
