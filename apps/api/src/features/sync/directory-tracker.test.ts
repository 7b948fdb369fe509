import { describe, expect, it } from '@jest/globals';
import { buildCostRecord } from '@spendsync/domain/testing';
import { createDirectoryTracker } from './directory-tracker';

describe('createDirectoryTracker', () => {
  it('returns listed workspaces and keys once, then only changes', () => {
    const tracker = createDirectoryTracker();
    tracker.addListedWorkspaces([
      { id: 'w1', name: 'Search' },
      { id: 'w2', name: null },
    ]);
    tracker.addListedApiKeys([{ id: 'k1', workspaceId: 'w1', name: 'svc', hint: 'sk-...abcd', status: 'active' }]);
    expect(tracker.takeChanges()).toEqual({
      workspaces: [
        { externalId: 'w1', providerName: 'Search' },
        { externalId: 'w2', providerName: null },
      ],
      apiKeys: [
        {
          externalId: 'k1',
          workspaceExternalId: 'w1',
          name: 'svc',
          hint: 'sk-...abcd',
          status: 'active',
          lastUsedAt: null,
        },
      ],
    });
    tracker.addListedWorkspaces([{ id: 'w1', name: 'Search' }]);
    expect(tracker.takeChanges()).toEqual({ workspaces: [], apiKeys: [] });
  });

  it('never lets a record-borne name replace a listed one, but fills unlisted entries from records', () => {
    const tracker = createDirectoryTracker();
    tracker.addListedWorkspaces([{ id: 'w1', name: 'Search (new name)' }]);
    tracker.takeChanges();
    tracker.addRecords([
      buildCostRecord({ workspaceId: 'w1', workspaceName: 'Search (old name)', apiKeyId: null }),
      buildCostRecord({
        workspaceId: 'w9',
        workspaceName: 'Unlisted',
        apiKeyId: 'k9',
        apiKeyHint: 'sk-...9999',
        apiKeyName: null,
      }),
      buildCostRecord({
        workspaceId: 'w9',
        workspaceName: 'Unlisted',
        apiKeyId: 'k9',
        apiKeyHint: null,
        apiKeyName: 'named later',
      }),
    ]);
    expect(tracker.takeChanges()).toEqual({
      workspaces: [{ externalId: 'w9', providerName: 'Unlisted' }],
      apiKeys: [
        {
          externalId: 'k9',
          workspaceExternalId: 'w9',
          name: 'named later',
          hint: 'sk-...9999',
          status: null,
          lastUsedAt: null,
        },
      ],
    });
    expect(tracker.counts()).toEqual({ workspaces: 2, apiKeys: 1 });
  });

  it('keeps a listed key as listed when records mention it', () => {
    const tracker = createDirectoryTracker();
    tracker.addListedApiKeys([{ id: 'k1', workspaceId: 'w1', name: 'svc', hint: 'sk-...abcd' }]);
    tracker.takeChanges();
    tracker.addRecords([buildCostRecord({ workspaceId: 'w1', apiKeyId: 'k1', apiKeyName: 'other', apiKeyHint: 'x' })]);
    expect(tracker.takeChanges().apiKeys).toEqual([]);
  });
});
