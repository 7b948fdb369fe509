import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, type CostRecord, type ProviderId } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { Organization } from '../src/features/organizations/organization.entity';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { TODAY, plain } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

const m = (text: string) => new Money(text);
const filter = ZDashboardFilter.parse({ period: 'last_7_days' });

/** Refunds, discounts and a non-USD billing currency: through COPY into cost_records, out through the Providers dashboard. */
describe('refunds, discounts and billing currency on the Providers dashboard', () => {
  let ds: DataSource;
  let org: Organization;
  const accounts = new Map<string, ProviderAccount>();

  async function account(provider: ProviderId, label: string, records: CostRecord[]): Promise<ProviderAccount> {
    const saved = await ds
      .getRepository(ProviderAccount)
      .save({ organizationId: org.id, provider, label, credentialsEncrypted: Buffer.from('x'), keyHint: 'AKIA…1234' });
    await replacePartition(ds, {
      organizationId: org.id,
      providerAccountId: saved.id,
      provider,
      days: [...new Set(records.map((r) => r.day))],
      records,
    });
    accounts.set(label, saved);
    return saved;
  }

  beforeAll(async () => {
    ds = await openTestDataSource();
    org = await ds.getRepository(Organization).save({ name: `Adjustments ${randomUUID()}` });
    const bedrock = (fields: Partial<CostRecord>) =>
      buildCostRecord({
        provider: 'aws-bedrock',
        workspaceId: '123456789012',
        apiKeyId: null,
        apiKeyHint: null,
        apiKeyName: null,
        ...fields,
      });
    await account('aws-bedrock', 'AWS', [
      // Usage 5 less a refund of 1 (cost 4), and a day of credits: 0.5 credit + 0.3 EDP + 0.2 bundled discount.
      bedrock({ day: '2025-06-05', model: 'nova-pro', cost: m('4'), refunds: m('1') }),
      bedrock({
        day: '2025-06-05',
        model: 'bedrock-general',
        chargeKind: 'credit',
        cost: m('0'),
        creditsApplied: m('0.8'),
        discounts: m('0.3'),
        discountKinds: 'EdpDiscount',
      }),
      bedrock({
        day: '2025-06-06',
        model: 'claude-sonnet-4.6',
        cost: m('2'),
        creditsApplied: m('0.2'),
        discounts: m('0.2'),
        discountKinds: 'BundledDiscount, EdpDiscount',
      }),
    ]);
    const azure = (fields: Partial<CostRecord>) =>
      buildCostRecord({
        provider: 'azure',
        workspaceId: '/subscriptions/s/accounts/a',
        apiKeyId: null,
        apiKeyHint: null,
        apiKeyName: null,
        ...fields,
      });
    await account('azure', 'Azure EUR', [
      azure({ day: '2025-06-05', model: 'gpt-4o', cost: m('1.5'), billingCurrency: 'EUR', billingCost: m('1.38') }),
      azure({ day: '2025-06-07', model: 'gpt-4o', cost: m('0.5'), billingCurrency: 'EUR', billingCost: m('0.46') }),
    ]);
    await account('azure', 'Azure mixed', [
      azure({ day: '2025-06-05', model: 'gpt-4o', cost: m('1'), billingCurrency: 'EUR', billingCost: m('0.92') }),
      azure({ day: '2025-06-06', model: 'gpt-4o', cost: m('1') }),
    ]);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('stores the new columns exactly', async () => {
    const rows = await ds.query(
      `SELECT model, cost, credits_applied, refunds, discounts, discount_kinds, billing_currency, billing_cost FROM cost_records
       WHERE organization_id = $1 ORDER BY provider, day, model`,
      [org.id],
    );
    expect(rows.find((r: { model: string }) => r.model === 'nova-pro')).toMatchObject({
      cost: '4',
      refunds: '1',
      discounts: '0',
      discount_kinds: null,
      billing_currency: null,
      billing_cost: null,
    });
    expect(rows.find((r: { model: string }) => r.model === 'bedrock-general')).toMatchObject({
      credits_applied: '0.8',
      discounts: '0.3',
      discount_kinds: 'EdpDiscount',
    });
    // Row order is not defined: compare as a set.
    expect(
      rows
        .filter((r: { billing_currency: string | null }) => r.billing_currency === 'EUR')
        .map((r: { billing_cost: string }) => r.billing_cost)
        .sort(),
    ).toEqual(['0.46', '0.92', '1.38']);
  });

  it('refuses discounts above the credits they are part of', async () => {
    const aws = accounts.get('AWS')!;
    const bad = buildCostRecord({
      provider: 'aws-bedrock',
      day: '2025-06-08',
      apiKeyId: null,
      creditsApplied: m('0.1'),
      discounts: m('0.2'),
    });
    await expect(
      replacePartition(ds, {
        organizationId: org.id,
        providerAccountId: aws.id,
        provider: 'aws-bedrock',
        days: ['2025-06-08'],
        records: [bad],
      }),
    ).rejects.toThrow(/cost_records_discounts_check/);
  });

  it('shows refunds and discounts next to credits, with net still spend − credits', async () => {
    const { rows } = await queryProviderDashboard(ds, org.id, filter, TODAY);
    const aws = rows.find((r) => r.label === 'AWS')!;
    expect(
      plain({
        spend: aws.spend,
        credits: aws.credits,
        net: aws.net,
        refunds: aws.refunds,
        discounts: aws.discounts,
        discountKinds: aws.discountKinds,
        billingCurrency: aws.billingCurrency,
      }),
    ).toEqual({
      spend: '6',
      credits: '1',
      net: '5',
      refunds: '1',
      discounts: '0.5',
      discountKinds: ['BundledDiscount', 'EdpDiscount'],
      billingCurrency: null,
    });
    expect(aws.net!.equals(m('6').sub(m('1')))).toBe(true);
  });

  it('shows the billing currency and amount only when all of the period was billed in it', async () => {
    const { rows } = await queryProviderDashboard(ds, org.id, filter, TODAY);
    const eur = rows.find((r) => r.label === 'Azure EUR')!;
    const mixed = rows.find((r) => r.label === 'Azure mixed')!;
    expect(plain([eur.spend, eur.billingCurrency, eur.billingAmount])).toEqual(['2', 'EUR', '1.84']);
    expect(plain([mixed.spend, mixed.billingCurrency, mixed.billingAmount])).toEqual(['2', null, null]);
  });
});
