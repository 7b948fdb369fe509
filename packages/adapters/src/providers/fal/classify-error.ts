import type { ErrorClassifier } from '../../http';
import { ZFalErrorBody } from './raw';

/** The guidance for a key that authenticates but may not read usage. */
export const FAL_ADMIN_KEY_NEEDED =
  'usage and billing data need an ADMIN key: create one in the fal dashboard → API Keys with scope Admin, and paste it whole as key_id:key_secret';

/** Maps fal's `{error:{type,message}}` answers to codes with a message the user can act on. */
export const classifyFalError: ErrorClassifier = (response) => {
  const parsed = ZFalErrorBody.safeParse(response.body);
  const said = parsed.success ? parsed.data.error.message : undefined;
  const quoted = said ? ` (fal said: "${said}")` : '';
  if (response.status === 401) {
    return {
      code: 'AUTH_FAILED',
      message: `the key was not accepted${quoted}; check that it is the whole key_id:key_secret and has not been deleted`,
    };
  }
  if (response.status === 403) {
    return {
      code: 'CREDENTIAL_REJECTED',
      message: `the key is not allowed to read usage${quoted}; ${FAL_ADMIN_KEY_NEEDED}`,
    };
  }
  if (response.status === 400 || response.status === 422) {
    return { code: 'BAD_REQUEST', message: `the usage query was refused${quoted}` };
  }
  return undefined;
};
