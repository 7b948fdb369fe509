import type { ErrorClassifier } from '../../http';
import { ZRunwayErrorBody } from './raw';

/** Maps Runway's `{error, issues?}` answers to codes with a message the user can act on. */
export const classifyRunwayError: ErrorClassifier = (response) => {
  const parsed = ZRunwayErrorBody.safeParse(response.body);
  const issues = parsed.success
    ? (parsed.data.issues ?? []).map((i) => [i.path?.join('.'), i.message].filter(Boolean).join(': '))
    : [];
  const said = parsed.success ? `${parsed.data.error}${issues.length > 0 ? ` (${issues.join('; ')})` : ''}` : undefined;
  const quoted = said ? ` (Runway said: "${said}")` : '';
  if (response.status === 401) {
    return {
      code: 'AUTH_FAILED',
      message: `the API key was not accepted${quoted}; check that it is a current key (key_…) from dev.runwayml.com → API Keys`,
    };
  }
  if (response.status === 429) {
    return {
      code: 'RATE_LIMITED',
      message: `too many requests${quoted}; Runway's limits are daily, the next sync retries`,
    };
  }
  if (response.status === 400) return { code: 'BAD_REQUEST', message: `the usage query was refused${quoted}` };
  return undefined;
};
