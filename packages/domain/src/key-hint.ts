import { splitFalKey } from './credentials/fal';
import type { ProviderCredentials } from './credentials/credential-schemas';
import type { ProviderId } from './provider-id';

/** Known key prefixes, longest first so `sk-ant-api03-` wins over `sk-`. They carry no secret. */
const KNOWN_PREFIXES = [
  'sk-ant-admin01-',
  'sk-ant-api03-',
  'sk-svcacct-',
  'sk-admin-',
  'sk-proj-',
  'sk-or-v1-',
  'key_',
  'AKIA',
  'ASIA',
  'sk-',
];

const HEAD = 3;
const TAIL = 4;

/**
 * A recognisable but unusable fragment of a secret: its known prefix, the next 3 characters,
 * `...` and the last 4 (`sk-ant-api03-Z4C...EQAA`). Never more than a third of the characters
 * after the prefix are shown, so short secrets reveal less (`sk-ab...yz`, `sk-...`).
 */
export function keyHint(secret: string): string {
  const text = secret.trim();
  const prefix = KNOWN_PREFIXES.find((p) => text.startsWith(p)) ?? '';
  const rest = text.slice(prefix.length);
  const budget = Math.floor(rest.length / 3);
  const head = Math.min(HEAD, Math.floor(budget / 2));
  const tail = Math.min(TAIL, budget - head);
  return `${prefix}${rest.slice(0, head)}...${tail > 0 ? rest.slice(-tail) : ''}`;
}

/** Per provider: the hint of the field that identifies the credential to an admin. */
const HINTS: { readonly [K in ProviderId]: (c: ProviderCredentials[K]) => string } = {
  openai: (c) => keyHint(c.apiKey),
  anthropic: (c) => keyHint(c.apiKey),
  'aws-bedrock': (c) => keyHint(c.accessKeyId),
  // The service account's email is an identifier, not a secret, and is what the admin recognises.
  'vertex-ai': (c) => c.serviceAccount.client_email,
  azure: (c) => keyHint(c.clientId),
  fal: (c) => keyHint(splitFalKey(c.apiKey).keyId),
  runway: (c) => keyHint(c.apiKey),
  openrouter: (c) => keyHint(c.provisioningKey ?? c.apiKey),
  litellm: (c) => `${keyHint(c.apiKey)} @ ${new URL(c.baseUrl).host}`,
};

/** The key hint stored and shown for a provider account's (validated) credentials. */
export function credentialKeyHint<K extends ProviderId>(provider: K, credentials: ProviderCredentials[K]): string {
  const hint = HINTS[provider] as (c: ProviderCredentials[K]) => string;
  return hint(credentials);
}
