import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { litellmProvider } from './index';
import { startLiteLlmSimulator } from '@spendsync/simulators/providers/litellm/simulator';

// An Enterprise proxy, so the full sync meets no error answer (open-source proxies answer the
// team report with a 400 the adapter tolerates; adapter.test.ts covers that). Rows are paged
// two at a time, so a lower density keeps six days under the suite's 25-page limit.
defineAdapterContract({
  definition: litellmProvider,
  startSimulator: (options) => startLiteLlmSimulator({ ...options, enterprise: true }),
  simulatorOptions: { density: 0.3 },
  wrongKeyMessage: /master key .*proxy_admin/,
  pagedPath: /^\/user\/daily\/activity$/,
});
