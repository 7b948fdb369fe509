import { ZVertexAiCredentials, type VertexAiCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { VERTEX_AI_CAPABILITIES, createVertexAiAdapter } from './adapter';

/**
 * Google Vertex AI through the BigQuery billing export (`@google-cloud/bigquery`).
 * `deps.baseUrl` is the SDK's `apiEndpoint` (and lets the key file's `token_uri` be honoured, so
 * `fetch --base-url` reaches the simulator's token endpoint); `deps.sdk.authClient`
 * (see {@link VertexSdkSeams}) replaces the service account's own OAuth client.
 */
export const vertexAiProvider: ProviderDefinition<VertexAiCredentials> = {
  id: 'vertex-ai',
  label: 'Google Vertex AI',
  credentials: ZVertexAiCredentials,
  capabilities: VERTEX_AI_CAPABILITIES,
  create: createVertexAiAdapter,
};

export type { VertexSdkSeams } from './auth';
