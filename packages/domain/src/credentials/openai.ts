import { z } from 'zod';
import { KEY_BODY, requiredText } from './text-field';

const WHERE = 'create one at platform.openai.com → Settings → Organization → Admin keys (organization owners only)';
const NEEDED = `OpenAI billing data needs an Organization Admin key (sk-admin-…); ${WHERE}`;

/** Why an OpenAI key cannot be used for billing, or `undefined` for an Admin key. */
function checkOpenAiKey(key: string): string | undefined {
  if (key.startsWith('sk-admin-')) {
    return KEY_BODY.test(key.slice('sk-admin-'.length)) ? undefined : `apiKey is not a complete Admin key; ${WHERE}`;
  }
  if (key.startsWith('sk-proj-'))
    return `apiKey is a project key (sk-proj-…), which cannot read usage or costs. ${NEEDED}`;
  if (key.startsWith('sk-svcacct-'))
    return `apiKey is a service-account key (sk-svcacct-…), which cannot read usage or costs. ${NEEDED}`;
  if (key.startsWith('sk-')) return `apiKey is a user or legacy API key, which cannot read usage or costs. ${NEEDED}`;
  return `apiKey is not an OpenAI key. ${NEEDED}`;
}

/** OpenAI: an Organization Admin key, the only kind the Usage and Costs APIs accept. */
export const ZOpenAiCredentials = z.object({
  /** Admin key `sk-admin-…`. Project (`sk-proj-…`) and other `sk-` keys are refused. */
  apiKey: requiredText('apiKey', 'paste an OpenAI Organization Admin key (sk-admin-…)', checkOpenAiKey),
});

export type OpenAiCredentials = z.infer<typeof ZOpenAiCredentials>;
