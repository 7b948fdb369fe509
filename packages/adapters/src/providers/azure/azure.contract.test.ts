import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { azureProvider } from './index';
import { startAzureSimulator } from '@spendsync/simulators/providers/azure/simulator';

defineAdapterContract({
  definition: azureProvider,
  startSimulator: startAzureSimulator,
  // Azure pages rows (one per resource, meter and day: about 50 in the suite's 6 days), not days;
  // 2 rows a page would exceed the suite's 25-page endless-cursor guard on real data.
  // Billed in EUR: the adapter must store Microsoft's USD amounts (CostUSD), keeping EUR alongside.
  simulatorOptions: { pageSize: 8, billingCurrency: 'EUR' },
  wrongKeyMessage: /Cost Management Reader/,
  pagedPath: /\/providers\/Microsoft\.CostManagement\/query$/,
});
