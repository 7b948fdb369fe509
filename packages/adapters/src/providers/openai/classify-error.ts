import type { ErrorClassifier } from '../../http';
import { extractErrorMessage } from '../../http';

/** What a user must do when OpenAI refuses a key for lack of the usage scope. */
export const MISSING_SCOPE_GUIDANCE =
  'The key is not an Organization Admin key with read access to usage (scope api.usage.read). ' +
  'Create an Admin key at platform.openai.com → Settings → Organization → Admin keys (organization owners only) and link that instead.';

// OpenAI says this for project, service-account and restricted admin keys, as a 401 or a 403,
// in the standard envelope or as a bare string.
const MISSING_SCOPES = /missing scopes?|insufficient permissions/i;

/**
 * OpenAI-specific classification: a "Missing scopes: api.usage.read" refusal is a valid key of
 * the wrong type (CREDENTIAL_REJECTED) with guidance, whatever its status or envelope.
 */
export const classifyOpenAiError: ErrorClassifier = (response) => {
  if (response.status !== 401 && response.status !== 403) return undefined;
  const said = extractErrorMessage(response.body) ?? response.text;
  if (!MISSING_SCOPES.test(said)) return undefined;
  const scopes = /missing scopes?:\s*([\w.,\s]+?)\.?\s*$/i.exec(said)?.[1]?.trim();
  return {
    code: 'CREDENTIAL_REJECTED',
    message: `${scopes ? `missing scopes ${scopes}. ` : ''}${MISSING_SCOPE_GUIDANCE}`,
  };
};
