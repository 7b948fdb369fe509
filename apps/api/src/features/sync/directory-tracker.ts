import type { CostRecord } from '@spendsync/domain';
import type { ApiKeyRef, WorkspaceRef } from '@spendsync/adapters';
import type { ProviderApiKey } from '../api-keys/api-key-directory.service';
import type { ProviderWorkspace } from '../workspaces/workspace-directory.service';

type Seen<T> = { value: T; listed: boolean };

/** Workspaces and keys seen during one run, and which of them still need writing. */
export type DirectoryTracker = {
  /** From `listWorkspaces`: authoritative names. */
  addListedWorkspaces(refs: readonly WorkspaceRef[]): void;
  /** From `listApiKeys`: authoritative names, hints and status. */
  addListedApiKeys(refs: readonly ApiKeyRef[]): void;
  /** Names and hints carried on records fill in what the listings did not give. */
  addRecords(records: readonly CostRecord[]): void;
  /** New or changed entries since the last call (to upsert). */
  takeChanges(): { workspaces: ProviderWorkspace[]; apiKeys: ProviderApiKey[] };
  /** Distinct workspaces and keys seen so far. */
  counts(): { workspaces: number; apiKeys: number };
};

const sameKey = (a: ProviderApiKey, b: ProviderApiKey) =>
  a.workspaceExternalId === b.workspaceExternalId &&
  a.name === b.name &&
  a.hint === b.hint &&
  a.status === b.status &&
  a.lastUsedAt?.getTime() === b.lastUsedAt?.getTime();

/**
 * Collects the provider's directory during a run. Listed entries win over what records say;
 * record-borne details only fill gaps (a record's old workspace name never replaces a listed one).
 */
export function createDirectoryTracker(): DirectoryTracker {
  const workspaces = new Map<string, Seen<ProviderWorkspace>>();
  const keys = new Map<string, Seen<ProviderApiKey>>();
  const dirtyWorkspaces = new Set<string>();
  const dirtyKeys = new Set<string>();

  const putWorkspace = (next: ProviderWorkspace, listed: boolean) => {
    const seen = workspaces.get(next.externalId);
    const changed =
      !seen ||
      (listed
        ? seen.value.providerName !== next.providerName
        : !seen.listed && next.providerName !== null && next.providerName !== seen.value.providerName);
    if (seen && !changed && !listed) return;
    if (changed || listed)
      workspaces.set(next.externalId, {
        value: changed ? next : seen!.value,
        listed: listed || (seen?.listed ?? false),
      });
    if (changed) dirtyWorkspaces.add(next.externalId);
  };

  const putKey = (next: ProviderApiKey, listed: boolean) => {
    const seen = keys.get(next.externalId);
    if (seen?.listed && !listed) return;
    const merged: ProviderApiKey =
      seen && !listed
        ? {
            ...seen.value,
            workspaceExternalId: seen.value.workspaceExternalId ?? next.workspaceExternalId,
            name: seen.value.name ?? next.name,
            hint: seen.value.hint ?? next.hint,
          }
        : next;
    if (seen && sameKey(seen.value, merged)) return;
    keys.set(next.externalId, { value: merged, listed });
    dirtyKeys.add(next.externalId);
  };

  return {
    addListedWorkspaces(refs) {
      for (const ref of refs) putWorkspace({ externalId: ref.id, providerName: ref.name }, true);
    },
    addListedApiKeys(refs) {
      for (const ref of refs) {
        putKey(
          {
            externalId: ref.id,
            workspaceExternalId: ref.workspaceId,
            name: ref.name,
            hint: ref.hint,
            status: ref.status ?? null,
            lastUsedAt: ref.lastUsedAt ?? null,
          },
          true,
        );
      }
    },
    addRecords(records) {
      for (const r of records) {
        if (r.workspaceId !== null) putWorkspace({ externalId: r.workspaceId, providerName: r.workspaceName }, false);
        if (r.apiKeyId !== null) {
          putKey(
            {
              externalId: r.apiKeyId,
              workspaceExternalId: r.workspaceId,
              name: r.apiKeyName,
              hint: r.apiKeyHint,
              status: null,
              lastUsedAt: null,
            },
            false,
          );
        }
      }
    },
    takeChanges() {
      const changes = {
        workspaces: [...dirtyWorkspaces].map((id) => workspaces.get(id)!.value),
        apiKeys: [...dirtyKeys].map((id) => keys.get(id)!.value),
      };
      dirtyWorkspaces.clear();
      dirtyKeys.clear();
      return changes;
    },
    counts: () => ({ workspaces: workspaces.size, apiKeys: keys.size }),
  };
}
