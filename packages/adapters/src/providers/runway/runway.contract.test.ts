import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { runwayProvider } from './index';
import { startRunwaySimulator } from '@spendsync/simulators/providers/runway/simulator';

defineAdapterContract({
  definition: runwayProvider,
  startSimulator: startRunwaySimulator,
  // Runway has one kind of key; a secret that is not `key_…` is refused before any call.
  wrongKeyMessage: /not a Runway API key \(key_/,
  pagedPath: /^\/v1\/organization\/usage$/,
  notApplicable: {
    endlessCursor: "Runway's usage endpoint has no paging: one POST answers a whole window of up to 90 days",
  },
});
