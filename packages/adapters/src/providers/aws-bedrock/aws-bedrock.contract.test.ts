import { defineAdapterContract } from '../../testing/define-adapter-contract';
import { awsBedrockProvider } from './index';
import { startAwsBedrockSimulator } from '@spendsync/simulators/providers/aws-bedrock/simulator';

// Every Cost Explorer operation is `POST /` (routed on x-amz-target), so faults hit both
// GetDimensionValues and GetCostAndUsage, and both page with NextPageToken.
defineAdapterContract({
  definition: awsBedrockProvider,
  startSimulator: startAwsBedrockSimulator,
  wrongKeyMessage: /Bedrock API key \(ABSK/,
  pagedPath: /^\/$/,
});
