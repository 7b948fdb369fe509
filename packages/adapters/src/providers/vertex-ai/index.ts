import { ZVertexAiCredentials, type VertexAiCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { VERTEX_AI_CAPABILITIES, createVertexAiAdapter } from './adapter';

/**
 * Google Vertex AI through the BigQuery billing export (`@google-cloud/bigquery`).
 * `deps.baseUrl` is the SDK's `apiEndpoint`; `deps.sdk.authClient` (see {@link VertexSdkSeams})
 * replaces the service-account JWT client in tests and the simulator.
 */
export const vertexAiProvider: ProviderDefinition<VertexAiCredentials> = {
  id: 'vertex-ai',
  label: 'Google Vertex AI',
  credentials: ZVertexAiCredentials,
  capabilities: VERTEX_AI_CAPABILITIES,
  create: createVertexAiAdapter,
};

export type { VertexSdkSeams } from './client';
