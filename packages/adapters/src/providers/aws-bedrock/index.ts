import { ZAwsBedrockCredentials, type AwsBedrockCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { AWS_BEDROCK_CAPABILITIES, createAwsBedrockAdapter } from './adapter';

/** AWS Bedrock through Cost Explorer (`@aws-sdk/client-cost-explorer`); `deps.baseUrl` is the SDK endpoint. */
export const awsBedrockProvider: ProviderDefinition<AwsBedrockCredentials> = {
  id: 'aws-bedrock',
  label: 'AWS Bedrock',
  credentials: ZAwsBedrockCredentials,
  capabilities: AWS_BEDROCK_CAPABILITIES,
  create: createAwsBedrockAdapter,
};
