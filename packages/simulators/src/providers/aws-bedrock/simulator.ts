import type { ProviderSimulator, SimulatorFactory } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import { createBedrockDataset } from './dataset';
import { ceError, costAndUsage, dimensionValues } from './sim-handlers';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const SCOPE = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,/;

/** Access key ids the simulator knows, and what each may do. */
type KeyRole = 'full' | 'no-ce-permission';

function keyId(seed: number, tag: string): string {
  const rng = createRandom(deriveSeed(seed, 'key', tag));
  return `AKIA${Array.from({ length: 16 }, () => rng.pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'])).join('')}`;
}

/** Checks the SigV4 credential scope and access key, as Cost Explorer does before anything else. */
function authorize(request: SimRequest, keys: ReadonlyMap<string, KeyRole>): SimResponse | KeyRole {
  const header = String(request.headers.authorization ?? '');
  const scope = SCOPE.exec(header);
  if (!scope) return ceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [, accessKeyId = '', , region, service] = scope;
  if (region !== 'us-east-1' || service !== 'ce') {
    return ceError(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and service ('us-east-1', 'ce'), not ('${region}', '${service}').`,
    );
  }
  const role = keys.get(accessKeyId);
  return role ?? ceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
}

/**
 * Starts a local Cost Explorer: POST / with `x-amz-target`, awsJson 1.1, SigV4 scope checked,
 * GetCostAndUsage (DAILY, LINKED_ACCOUNT × USAGE_TYPE, NextPageToken paging) and
 * GetDimensionValues, over a generated organization with credits on some days and models.
 */
export const startAwsBedrockSimulator: SimulatorFactory = async (options = {}) => {
  const seed = options.seed ?? 1;
  const dataset = createBedrockDataset(options);
  const pageSize = Math.max(1, options.pageSize ?? 200);
  const fullKey = keyId(seed, 'full');
  const deniedKey = keyId(seed, 'denied');
  const keys = new Map<string, KeyRole>([
    [fullKey, 'full'],
    [deniedKey, 'no-ce-permission'],
  ]);
  let endless = 0;

  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    contentType: CONTENT_TYPE,
    errorBody: (status, message) =>
      status === 429
        ? { __type: 'com.amazonaws.costexplorer#LimitExceededException', Message: 'Rate exceeded' }
        : { __type: status >= 500 ? 'InternalServerError' : 'ValidationException', Message: message },
    groundTruth: (range) => dataset.groundTruth(range),
    handle(request, { faults }) {
      if (request.method !== 'POST' || request.path !== '/')
        return ceError('UnknownOperationException', `No route for ${request.method} ${request.path}`, 404);
      const role = authorize(request, keys);
      if (typeof role !== 'string') return role;
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AWSInsightsIndexService.')
        ? target.slice('AWSInsightsIndexService.'.length)
        : '';
      if (role === 'no-ce-permission') {
        return ceError(
          'AccessDeniedException',
          `User: arn:aws:iam::${dataset.accounts[0]?.id}:user/billing-reader is not authorized to perform: ce:${operation} on resource: arn:aws:ce:us-east-1:${dataset.accounts[0]?.id}:/${operation}`,
        );
      }
      const input = (request.body ?? {}) as Record<string, unknown>;
      const endlessToken = faults.isEndless(request.path) ? `endless-${++endless}` : undefined;
      if (operation === 'GetCostAndUsage') return costAndUsage(dataset, input, pageSize, endlessToken);
      if (operation === 'GetDimensionValues') return dimensionValues(dataset, input, pageSize, endlessToken);
      return ceError('UnknownOperationException', `Unknown operation ${target || '(no x-amz-target)'}`);
    },
  });

  const base = { region: 'us-east-1' };
  const simulator: ProviderSimulator = {
    provider: 'aws-bedrock',
    url: server.url,
    dataRange: dataset.range,
    credentials: { ...base, accessKeyId: fullKey, secretAccessKey: `sim${fullKey.slice(4)}secret${seed}` },
    invalidCredentials: {
      ...base,
      accessKeyId: keyId(seed, 'unknown'),
      secretAccessKey: 'unknownSecretAccessKey0000000000000000000',
    },
    wrongTypeCredentials: {
      ...base,
      accessKeyId: `ABSK${keyId(seed, 'bedrock').slice(4)}`,
      secretAccessKey: `ABSKQmVkcm9ja0FQSUtleS${seed}`,
    },
    adapterDeps: () => ({ baseUrl: server.url }),
    groundTruth: (range) => dataset.groundTruth(range),
    faults: server.faults,
    calls: server.calls,
    routes: [{ method: 'POST', path: /^\/$/ }],
    close: () => server.close(),
  };
  return simulator;
};

/** Credentials of an IAM user the simulator knows but which lacks `ce:*` permissions (AccessDenied). */
export function deniedCredentials(seed = 1): Record<string, unknown> {
  return {
    region: 'us-east-1',
    accessKeyId: keyId(seed, 'denied'),
    secretAccessKey: 'deniedSecretAccessKey000000000000000000',
  };
}
