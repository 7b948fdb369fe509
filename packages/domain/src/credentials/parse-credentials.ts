import { isProviderId, type ProviderId } from '../provider-id';
import { CREDENTIAL_GUIDES } from './credential-guides';
import { CREDENTIAL_SCHEMAS, type ProviderCredentials } from './credential-schemas';
import { credentialSecrets } from './credential-secrets';

/** One problem with one field; `field` is `''` when the input as a whole is unusable. */
export type CredentialIssue = { field: string; message: string };

/** Outcome of {@link parseCredentials}: the normalized credentials, or one issue per bad field. */
export type CredentialsParseResult<C> = { ok: true; value: C } | { ok: false; issues: CredentialIssue[] };

/** Secret values at least this long are scrubbed from messages (shorter ones would hit ordinary words). */
const MIN_REDACTED_LENGTH = 6;

/**
 * Validates a provider's credentials given as an object or as JSON text (the UI's "Paste JSON").
 * Messages name the field and say what to do; they never contain a submitted value.
 */
export function parseCredentials<K extends ProviderId>(
  provider: K,
  input: unknown,
): CredentialsParseResult<ProviderCredentials[K]> {
  if (!isProviderId(provider)) return fail('provider', 'Unknown provider');
  const fieldList = CREDENTIAL_GUIDES[provider].fields.map((f) => f.name).join(', ');
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      // JSON.parse's message quotes the text, which may be the secret itself.
      return fail('', `Credentials are not valid JSON; paste a JSON object with the fields ${fieldList}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('', `Credentials must be a JSON object with the fields ${fieldList}`);
  }
  const result = CREDENTIAL_SCHEMAS[provider].safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  // The one secret rule (aliases and typos count as secret); short values would hit ordinary words.
  const secrets = credentialSecrets(provider, value).filter((s) => s.length >= MIN_REDACTED_LENGTH);
  secrets.sort((a, b) => b.length - a.length);
  const issues = new Map<string, string>();
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    // Keep the first issue per field: the later ones are consequences of it.
    if (!issues.has(field)) issues.set(field, redact(issue.message, secrets));
  }
  return { ok: false, issues: [...issues].map(([field, message]) => ({ field, message })) };
}

function fail(field: string, message: string): { ok: false; issues: CredentialIssue[] } {
  return { ok: false, issues: [{ field, message }] };
}

function redact(message: string, secrets: readonly string[]): string {
  let safe = message;
  for (const secret of secrets) safe = safe.split(secret).join('[redacted]');
  return safe;
}
