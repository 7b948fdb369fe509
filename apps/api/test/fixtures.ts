import { randomUUID } from 'node:crypto';
import type { ProviderId } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { Organization } from '../src/features/organizations/organization.entity';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';

/** A fresh organization with one provider account, so tests sharing the run's database never collide. */
export async function createAccount(ds: DataSource, provider: ProviderId = 'openai'): Promise<ProviderAccount> {
  const organization = await ds.getRepository(Organization).save({ name: `org ${randomUUID()}` });
  return ds.getRepository(ProviderAccount).save({
    organizationId: organization.id,
    provider,
    label: `${provider} test account`,
    credentialsEncrypted: Buffer.from('not really encrypted'),
    keyHint: 'sk-admin-Ab1...wxyz',
  });
}
