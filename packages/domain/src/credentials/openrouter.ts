import { z } from 'zod';
import { KEY_BODY, optionalField, requiredText } from './text-field';

const WHERE = 'openrouter.ai → Settings';

function openRouterKey(field: string, what: string) {
  return requiredText(field, `paste ${what} (sk-or-v1-…) from ${WHERE}`, (key) =>
    key.startsWith('sk-or-v1-') && KEY_BODY.test(key.slice('sk-or-v1-'.length))
      ? undefined
      : `${field} is not an OpenRouter key (sk-or-v1-…); copy ${what} from ${WHERE}`,
  );
}

/** OpenRouter: an API key, plus a management key for per-key and per-member breakdowns. */
export type OpenRouterCredentials = {
  /** Any key of the account (`sk-or-v1-…`). */
  apiKey: string;
  /** Management key (OpenRouter's former name: provisioning key); needed for activity, keys and credits. */
  provisioningKey?: string;
};

/** Accepts `managementKey` (OpenRouter's current name) as an alias and returns it as `provisioningKey`. */
export const ZOpenRouterCredentials = z
  .object({
    apiKey: openRouterKey('apiKey', 'an API key'),
    provisioningKey: optionalField(openRouterKey('provisioningKey', 'a management key (Settings → Management Keys)')),
    managementKey: optionalField(openRouterKey('managementKey', 'a management key (Settings → Management Keys)')),
  })
  .superRefine((c, ctx) => {
    if (c.provisioningKey !== undefined && c.managementKey !== undefined && c.provisioningKey !== c.managementKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['managementKey'],
        message:
          'managementKey and provisioningKey are the same setting but hold different keys; give only one of them',
      });
    }
  })
  .transform(({ apiKey, provisioningKey, managementKey }): OpenRouterCredentials => {
    const management = provisioningKey ?? managementKey;
    return management === undefined ? { apiKey } : { apiKey, provisioningKey: management };
  });
