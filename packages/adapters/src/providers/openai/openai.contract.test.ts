import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { openaiProvider } from './index';
import { startOpenAiSimulator } from '@spendsync/simulators/providers/openai/simulator';

defineAdapterContract({
  definition: openaiProvider,
  startSimulator: startOpenAiSimulator,
  wrongKeyMessage: /Admin key/,
  pagedPath: /\/organization\/costs/,
});
