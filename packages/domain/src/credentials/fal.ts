import { z } from 'zod';
import { requiredText } from './text-field';

const NEEDED =
  'usage and billing need an ADMIN key: create one at fal.ai dashboard → Keys (scope ADMIN) and paste it whole';

function checkFalKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon === -1) return `apiKey has no colon, so it is only part of a fal key (key_id:key_secret); ${NEEDED}`;
  if (colon === 0 || colon === key.length - 1) return `apiKey must have both parts, key_id:key_secret; ${NEEDED}`;
  return undefined;
}

/** fal.ai: an ADMIN-scoped key, `key_id:key_secret` (real ids are UUIDs). */
export const ZFalCredentials = z.object({
  /** `key_id:key_secret`, as fal shows it once when the key is created. */
  apiKey: requiredText('apiKey', 'paste a fal ADMIN key (key_id:key_secret)', checkFalKey),
});

export type FalCredentials = z.infer<typeof ZFalCredentials>;

/** The id and secret halves of a fal key; the id is not secret and identifies the key. */
export function splitFalKey(apiKey: string): { keyId: string; keySecret: string } {
  const colon = apiKey.indexOf(':');
  return colon === -1
    ? { keyId: '', keySecret: apiKey }
    : { keyId: apiKey.slice(0, colon), keySecret: apiKey.slice(colon + 1) };
}
