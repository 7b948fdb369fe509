import type { AdapterDeps, ProviderDefinition, VerifyResult } from '@spendsync/adapters';
import type { ProviderId } from '@spendsync/domain';
import { ApiError } from '../../errors';
import { checkEndpoint, endpointDeps } from './account-endpoint';
import type { AccountSyncTrigger } from './account-sync-trigger';
import type { ProviderAccountService, ProviderAccountView } from './provider-account.service';
import { verifyCredentials } from './verify-credentials';

/** What linking, re-keying and refreshing need. */
export type ProviderLinkDeps<Run> = {
  accounts: ProviderAccountService;
  /** The sync engine; `Run` is its run record, passed through to the caller. */
  sync: AccountSyncTrigger<Run>;
  providers: { readonly [K in ProviderId]?: ProviderDefinition<unknown> };
  /** Base adapter deps (fetch, clock, logger); the account's endpoint is added per call. */
  adapterDeps: () => AdapterDeps;
  allowCustomEndpoints: boolean;
  verifyTimeoutMs?: number;
};

/** A linked account and the backfill it started (null when the engine could not start one). */
export type LinkResult<Run> = { account: ProviderAccountView; run: Run | null; verification: VerifyResult };

/** A refresh: the run started, or the one already running. */
export type RefreshResult<Run> = { run: Run; alreadyRunning: boolean };

/** What a `limited` check said the credential cannot sync; kept on the account so it stays visible. */
const noticeOf = (verification: VerifyResult): string | null =>
  verification.detail === 'limited'
    ? (verification.message ?? 'This credential can sync only part of the data.')
    : null;

/** Linking, re-keying and refreshing provider accounts: credentials are verified before they are stored. */
export function createProviderLinkService<Run>(deps: ProviderLinkDeps<Run>) {
  const verify = (provider: ProviderId, credentials: unknown, endpoint: string | null) =>
    verifyCredentials(provider, credentials, {
      providers: deps.providers,
      adapterDeps: { ...deps.adapterDeps(), ...endpointDeps(endpoint, deps.allowCustomEndpoints) },
      timeoutMs: deps.verifyTimeoutMs,
    });

  return {
    /** Validates, verifies with the provider, stores encrypted, then starts the backfill. */
    async link(
      organizationId: string,
      input: { provider: ProviderId; label: string; credentials: unknown; endpoint?: string | null },
    ): Promise<LinkResult<Run>> {
      const endpoint = checkEndpoint(input.endpoint, deps.allowCustomEndpoints);
      const verified = await verify(input.provider, input.credentials, endpoint);
      const account = await deps.accounts.create(organizationId, {
        provider: input.provider,
        label: input.label,
        credentials: verified.credentials,
        keyHint: verified.keyHint,
        endpoint,
        credentialNotice: noticeOf(verified.verification),
      });
      const started = await deps.sync.trigger({ accountId: account.id, trigger: 'link' });
      return { account, run: started.kind === 'unavailable' ? null : started.run, verification: verified.verification };
    },

    /**
     * Replaces an account's credentials after verifying the new ones; `endpoint` undefined
     * keeps the current one, null clears it. The old credentials stay until the new ones pass.
     */
    async updateCredentials(
      organizationId: string,
      id: string,
      input: { credentials: unknown; endpoint?: string | null; label?: string },
    ): Promise<{ account: ProviderAccountView; verification: VerifyResult }> {
      const current = await deps.accounts.require(organizationId, id);
      const endpoint =
        input.endpoint === undefined ? current.endpoint : checkEndpoint(input.endpoint, deps.allowCustomEndpoints);
      const verified = await verify(current.provider, input.credentials, endpoint);
      const account = await deps.accounts.replaceCredentials(organizationId, id, {
        credentials: verified.credentials,
        keyHint: verified.keyHint,
        endpoint,
        label: input.label,
        credentialNotice: noticeOf(verified.verification),
      });
      return { account, verification: verified.verification };
    },

    /** Starts a manual sync ("Refresh Data"), or returns the run already in progress. */
    async refresh(organizationId: string, id: string): Promise<RefreshResult<Run>> {
      await deps.accounts.require(organizationId, id);
      const started = await deps.sync.trigger({ accountId: id, trigger: 'manual' });
      if (started.kind === 'started' || started.kind === 'already-done')
        return { run: started.run, alreadyRunning: false };
      if (started.kind === 'already-running' && started.run) return { run: started.run, alreadyRunning: true };
      throw new ApiError(started.kind === 'already-running' ? 'CONFLICT' : 'SYNC_UNAVAILABLE', started.message);
    },
  };
}

/** See {@link createProviderLinkService}. */
export type ProviderLinkService<Run> = ReturnType<typeof createProviderLinkService<Run>>;
