import { z } from 'zod';
import { KEY_BODY, requiredText } from './text-field';

const NEEDED =
  'An Admin API key is needed (sk-ant-admin01-…): create one in the Anthropic Console → Settings → Admin keys (organization admins only)';

/** Why an Anthropic key cannot be used for the Admin API, or `undefined` for an Admin key. */
function checkAnthropicKey(key: string): string | undefined {
  if (key.startsWith('sk-ant-admin')) {
    return KEY_BODY.test(key.slice('sk-ant-admin'.length))
      ? undefined
      : `apiKey is not a complete Admin API key. ${NEEDED}`;
  }
  if (key.startsWith('sk-ant-api')) {
    return `apiKey is a regular API key (sk-ant-api03-…), which cannot read usage or cost reports. ${NEEDED}`;
  }
  if (key.startsWith('sk-ant-')) return `apiKey is not an Admin API key. ${NEEDED}`;
  return `apiKey is not an Anthropic key. ${NEEDED}`;
}

/** Anthropic: an Admin API key for the usage and cost reports. */
export const ZAnthropicCredentials = z.object({
  /** Admin API key `sk-ant-admin01-…`; workspace keys (`sk-ant-api03-…`) are refused. */
  apiKey: requiredText('apiKey', 'paste an Anthropic Admin API key (sk-ant-admin01-…)', checkAnthropicKey),
});

export type AnthropicCredentials = z.infer<typeof ZAnthropicCredentials>;
