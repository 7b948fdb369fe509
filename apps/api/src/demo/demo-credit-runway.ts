import { Money, addDays, type Day } from '@spendsync/domain';
import type { ApiServices } from '../services';
import type { DemoOrganization } from './demo-organization';
import type { DemoSimulator } from './demo-simulators';

/** The demo organization's "notify when a runway falls under N days". */
export const DEMO_RUNWAY_NOTIFY_DAYS = 30;
/** Days after today the demo's AWS grant expires. */
export const DEMO_GRANT_EXPIRES_IN_DAYS = 45;

/**
 * One AWS Activate grant entered by hand, sized from the AWS simulator's own credits: twice what
 * its history applied, expiring 45 days from today, so its runway (and, at the simulator's rate, the
 * money it leaves on the table at expiry) shows next to OpenRouter's and Runway's balances, which
 * need nothing: syncs read them. The runway notification is set to 30 days, so the demo's webhook
 * hears the runways under it.
 */
export async function createDemoCreditRunway(
  services: ApiServices,
  organization: DemoOrganization,
  running: readonly DemoSimulator[],
  today: Day,
): Promise<{ grantId: string | null }> {
  await services.creditRunways.setNotifySetting(organization.organizationId, DEMO_RUNWAY_NOTIFY_DAYS);
  const aws = running.find((r) => r.provider === 'aws-bedrock');
  const account = organization.accounts.find((a) => a.provider === 'aws-bedrock');
  if (!aws || !account) return { grantId: null };
  const range = aws.simulator.dataRange;
  const credits = aws.simulator.groundTruth(range).credits;
  const amount = Money.max(new Money(100), credits.mul(2).div(100).ceil().mul(100));
  const grant = await services.creditGrants.create(organization.organizationId, {
    name: 'AWS Activate',
    amount: amount.toFixed(),
    startsOn: range.start,
    expiresOn: addDays(today, DEMO_GRANT_EXPIRES_IN_DAYS),
    providerAccountId: account.accountId,
  });
  return { grantId: grant.id };
}
