import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { falProvider } from './index';
import { startFalSimulator } from '@spendsync/simulators/providers/fal/simulator';

defineAdapterContract({
  definition: falProvider,
  startSimulator: startFalSimulator,
  wrongKeyMessage: /ADMIN key/,
  pagedPath: /^\/v1\/models\/usage$/,
});
