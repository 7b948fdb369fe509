import { z } from 'zod';
import { requiredText } from './text-field';

const URL_HELP = 'give the address of your LiteLLM proxy, e.g. https://litellm.example.com';

/** Why `text` cannot be the proxy's base URL, or `undefined` when it can. */
function checkBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `baseUrl is not a URL; ${URL_HELP}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `baseUrl must start with http:// or https://; ${URL_HELP}`;
  // A user:password in the URL would be a secret stored in a field treated as public.
  if (url.username !== '' || url.password !== '')
    return 'baseUrl must not contain a user name or password; put the key in apiKey';
  if (url.search !== '' || url.hash !== '') return `baseUrl must not have a ?query or #fragment; ${URL_HELP}`;
  return undefined;
}

/** LiteLLM: the user's own proxy, read with its master key or a proxy-admin key. */
export const ZLiteLlmCredentials = z.object({
  /** Master key or a proxy_admin user's key (`sk-…`); other keys only see their own spend. */
  apiKey: requiredText('apiKey', 'paste the proxy master key or a proxy-admin key (sk-…)'),
  /** Proxy base URL; trailing slashes are removed so paths can be appended. */
  baseUrl: requiredText('baseUrl', URL_HELP, checkBaseUrl).transform((text) => {
    const url = new URL(text);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }),
});

export type LiteLlmCredentials = z.infer<typeof ZLiteLlmCredentials>;
