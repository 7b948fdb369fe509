import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { vertexAiProvider } from './index';
import { startVertexAiSimulator } from '@spendsync/simulators/providers/vertex-ai/simulator';

// The auth client is injected, so google-auth must not probe the GCE metadata server either.
process.env.METADATA_SERVER_DETECTION = 'none';

// The wrong kind of key here is a service account that authenticates but may not read the export.
defineAdapterContract({
  definition: vertexAiProvider,
  startSimulator: startVertexAiSimulator,
  wrongKeyMessage: /BigQuery Data Viewer/,
  pagedPath: /\/queries/,
});
