import { describe, expect, it } from '@jest/globals';
import { providers } from '@spendsync/adapters';
import { BILLING_DELAY_HOURS, PROVIDER_IDS } from '@spendsync/domain';

describe('billing delays', () => {
  it.each(PROVIDER_IDS)(
    'returns the same delay for %s in the domain rule and the adapter the sync plans with',
    (provider) => {
      expect(providers[provider].capabilities.dataDelayHours).toBe(BILLING_DELAY_HOURS[provider]);
    },
  );
});
