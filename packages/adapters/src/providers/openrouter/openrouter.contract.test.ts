import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { openrouterProvider } from './index';
import { startOpenRouterSimulator } from '@spendsync/simulators/providers/openrouter/simulator';

// The simulator's default variant links a management key; `/activity` has no paging, so the
// paged listing is the offset-paged key list.
defineAdapterContract({
  definition: openrouterProvider,
  startSimulator: startOpenRouterSimulator,
  wrongKeyMessage: /management key/,
  pagedPath: /^\/api\/v1\/keys$/,
});
