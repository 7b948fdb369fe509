import { randomUUID } from 'node:crypto';
import { Money, PROVIDER_IDS, type CostRecord, type ProviderId } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { Organization } from '../src/features/organizations/organization.entity';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { Workspace } from '../src/features/workspaces/workspace.entity';

const m = (text: string) => new Money(text);

/** No tokens, requests or key: a base for unit, fee, credit and project-level rows. */
const bare = (provider: ProviderId, overrides: Partial<CostRecord>): CostRecord =>
  buildCostRecord({
    provider,
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    requests: null,
    apiKeyId: null,
    apiKeyHint: null,
    apiKeyName: null,
    ...overrides,
  });

/**
 * Records of every provider, shaped like each adapter's output: tokens with and without
 * requests, credits applied to usage, a credit-only record, a credit reversal, images, seconds,
 * Runway credits, a tax line, an unmeasured "other" line, a month end and a year end. The
 * period used by the tests is [2024-12-31, 2025-06-02); one record lies outside it.
 */
export function focusFixtureRecords(): Record<ProviderId, CostRecord[]> {
  return {
    openai: [
      buildCostRecord({ day: '2025-05-31', cost: m('1.8432') }),
      bare('openai', {
        day: '2025-06-01',
        model: 'gpt-image-1',
        chargeKind: 'image',
        cost: m('0.40'),
        unit: 'images',
        quantity: m('10'),
        inputTokens: 1200,
        outputTokens: 0,
        mix: { size: { '1024x1024': 10 } },
      }),
      bare('openai', { day: '2025-06-01', model: 'web_search', chargeKind: 'other', cost: m('0.025') }),
      buildCostRecord({ day: '2025-06-02', cost: m('9') }), // after the period
    ],
    anthropic: [
      buildCostRecord({
        provider: 'anthropic',
        day: '2025-06-01',
        workspaceId: 'wrk_1',
        workspaceName: 'Default',
        apiKeyId: 'apikey_1',
        apiKeyHint: 'sk-ant-api03-Aa...zz',
        apiKeyName: '=cmd|calc',
        model: 'claude-sonnet-4',
        cost: m('3.000'),
        requests: null,
      }),
      bare('anthropic', {
        day: '2025-06-01',
        workspaceId: 'wrk_1',
        model: 'claude-sonnet-4',
        chargeKind: 'tax_fee',
        cost: m('0.27'),
      }),
    ],
    'aws-bedrock': [
      bare('aws-bedrock', {
        day: '2025-06-01',
        workspaceId: '123456789012',
        workspaceName: 'prod',
        model: 'anthropic.claude-3-haiku',
        cost: m('2.50'),
        creditsApplied: m('0.75'),
        inputTokens: 800_000,
        outputTokens: 20_000,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
      }),
      bare('aws-bedrock', {
        day: '2025-06-01',
        workspaceId: '123456789012',
        model: 'bedrock-general',
        chargeKind: 'credit',
        cost: m('0'),
        creditsApplied: m('5'),
      }),
      bare('aws-bedrock', {
        day: '2025-05-15',
        workspaceId: '123456789012',
        model: 'bedrock-general',
        chargeKind: 'credit',
        cost: m('1.25'),
      }),
    ],
    'vertex-ai': [
      bare('vertex-ai', {
        day: '2024-12-31',
        workspaceId: 'my-project',
        workspaceName: 'My Project',
        model: 'gemini-2.5-pro',
        cost: m('0.123456789012345678'),
        creditsApplied: m('0.023456789012345678'),
        inputTokens: 10_000,
        outputTokens: 2_000,
      }),
      bare('vertex-ai', {
        day: '2025-06-01',
        workspaceId: 'my-project',
        model: 'imagen-4',
        chargeKind: 'image',
        cost: m('0.12'),
        unit: 'images',
        quantity: m('3'),
      }),
    ],
    azure: [
      bare('azure', {
        day: '2025-06-01',
        workspaceId: 'rg-ai',
        workspaceName: 'rg-ai',
        model: 'gpt-4o',
        cost: m('0.75'),
        inputTokens: 100_000,
        outputTokens: 25_000,
      }),
      bare('azure', {
        day: '2025-06-01',
        workspaceId: 'rg-ai',
        model: 'azure-other',
        chargeKind: 'other',
        cost: m('-0.05'),
      }),
    ],
    fal: [
      bare('fal', {
        day: '2025-06-01',
        workspaceId: null,
        workspaceName: null,
        model: 'fal-ai/flux/dev',
        chargeKind: 'image',
        cost: m('0.075'),
        unit: 'images',
        quantity: m('3'),
      }),
      bare('fal', {
        day: '2025-06-01',
        workspaceId: null,
        workspaceName: null,
        model: 'fal-ai/kling-video',
        cost: m('0.7'),
        unit: 'seconds',
        quantity: m('5.5'),
      }),
    ],
    runway: [
      bare('runway', {
        day: '2025-06-01',
        workspaceId: null,
        workspaceName: null,
        model: 'gen4_turbo',
        cost: m('0.5'),
        unit: 'credits',
        quantity: m('50'),
      }),
    ],
    openrouter: [
      buildCostRecord({
        provider: 'openrouter',
        day: '2025-06-01',
        workspaceId: null,
        workspaceName: null,
        apiKeyId: 'hash_1',
        apiKeyHint: 'sk-or-v1-abc...xyz',
        apiKeyName: null,
        model: 'openai/gpt-4o-mini',
        cost: m('0.0123'),
        cachedInputTokens: null,
        cacheWriteTokens: null,
      }),
    ],
    litellm: [
      bare('litellm', {
        day: '2025-06-01',
        workspaceId: 'team_1',
        workspaceName: 'Search',
        apiKeyId: 'sk-hash',
        apiKeyHint: 'sk-...1234',
        model: 'claude-3-5-sonnet',
        cost: m('0.33'),
        requests: 12,
      }),
    ],
  };
}

/** Seeds one organization with an account per provider holding {@link focusFixtureRecords}. */
export async function seedFocusOrganization(
  ds: DataSource,
): Promise<{ organizationId: string; accounts: Record<ProviderId, string> }> {
  const org = await ds.getRepository(Organization).save({ name: `F ${randomUUID()}` });
  const fixture = focusFixtureRecords();
  const accounts = {} as Record<ProviderId, string>;
  for (const provider of PROVIDER_IDS) {
    const account = await ds.getRepository(ProviderAccount).save({
      organizationId: org.id,
      provider,
      label: `${provider} account`,
      credentialsEncrypted: Buffer.from('x'),
      keyHint: '…1234',
    });
    accounts[provider] = account.id;
    const records = fixture[provider];
    await replacePartition(ds, {
      organizationId: org.id,
      providerAccountId: account.id,
      provider,
      days: [...new Set(records.map((r) => r.day))],
      records,
    });
  }
  // An admin's name for the Bedrock account: SubAccountName shows it, as the dashboards do.
  await ds.getRepository(Workspace).save({
    organizationId: org.id,
    providerAccountId: accounts['aws-bedrock'],
    externalId: '123456789012',
    providerName: 'prod',
    displayName: 'Production',
  });
  return { organizationId: org.id, accounts };
}
