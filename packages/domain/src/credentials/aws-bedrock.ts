import { z } from 'zod';
import { optionalField, requiredText } from './text-field';

const CREATE_IAM_KEY =
  'create an IAM access key (AKIA…) for a user allowed ce:GetCostAndUsage: AWS console → IAM → Users → (user) → Security credentials → Create access key';
const BEDROCK_KEY =
  'is an Amazon Bedrock API key (ABSK…). Bedrock API keys only work for the Bedrock runtime and cannot read billing; ' +
  CREATE_IAM_KEY;

/** Partitions whose Cost Explorer lives elsewhere and which spendsync does not support. */
const OTHER_PARTITIONS: readonly [RegExp, string][] = [
  [/^cn-/, 'AWS China'],
  [/^us-gov-/, 'AWS GovCloud'],
  [/^us-isob?-/, 'AWS ISO'],
  [/^eusc-/, 'AWS European Sovereign Cloud'],
];

function checkAccessKeyId(id: string): string | undefined {
  if (id.startsWith('ABSK')) return `accessKeyId ${BEDROCK_KEY}`;
  // AWS documents access key ids as 16–128 characters; real ones are 20.
  if (!/^(AKIA|ASIA)[A-Z0-9]{12,124}$/.test(id)) {
    return `accessKeyId is not an IAM access key ID (AKIA… for a long-term key, ASIA… for a temporary one); ${CREATE_IAM_KEY}`;
  }
  return undefined;
}

function checkRegion(region: string): string | undefined {
  const partition = OTHER_PARTITIONS.find(([pattern]) => pattern.test(region));
  if (partition)
    return `region ${region} is in the ${partition[1]} partition, which is not supported; use a standard region such as us-east-1`;
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) return 'region must be an AWS region code such as us-east-1';
  return undefined;
}

/**
 * AWS Bedrock spend through Cost Explorer: IAM access key credentials (SigV4). `region` only
 * picks the partition (Cost Explorer itself is served from us-east-1), so it defaults to us-east-1.
 */
export const ZAwsBedrockCredentials = z
  .object({
    /** `AKIA…` (long-term) or `ASIA…` (temporary, needs `sessionToken`). `ABSK…` Bedrock keys are refused. */
    accessKeyId: requiredText('accessKeyId', 'paste the IAM access key ID (AKIA…)', checkAccessKeyId),
    secretAccessKey: requiredText(
      'secretAccessKey',
      'paste the secret access key shown when the access key was created',
      (v) => (v.startsWith('ABSK') ? `secretAccessKey ${BEDROCK_KEY}` : undefined),
    ),
    /** A region of the standard `aws` partition, e.g. `us-east-1`. */
    region: optionalField(requiredText('region', 'give an AWS region such as us-east-1', checkRegion)).transform(
      (r) => r ?? 'us-east-1',
    ),
    /** Session token that comes with temporary (`ASIA…`) credentials. */
    sessionToken: optionalField(requiredText('sessionToken', 'paste the session token issued with the temporary key')),
  })
  .superRefine((c, ctx) => {
    if (c.accessKeyId.startsWith('ASIA') && c.sessionToken === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sessionToken'],
        message:
          'sessionToken is required with a temporary access key (ASIA…); paste the session token issued with it, or use a long-term key (AKIA…)',
      });
    }
    if (c.accessKeyId.startsWith('AKIA') && c.sessionToken !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sessionToken'],
        message: 'sessionToken is only used with temporary keys (ASIA…); leave it empty for a long-term key (AKIA…)',
      });
    }
  });

export type AwsBedrockCredentials = z.infer<typeof ZAwsBedrockCredentials>;
