import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { anthropicProvider } from './index';
import { startAnthropicSimulator } from '@spendsync/simulators/providers/anthropic/simulator';

defineAdapterContract({
  definition: anthropicProvider,
  startSimulator: startAnthropicSimulator,
  wrongKeyMessage: /Admin API key/,
  pagedPath: /\/v1\/organizations\/(cost_report|usage_report\/messages)$/,
});
