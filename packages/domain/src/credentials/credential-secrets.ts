import type { ProviderId } from '../provider-id';
import { CREDENTIAL_GUIDES } from './credential-guides';
import { splitFalKey } from './fal';

/** Shorter values are never treated as secrets: they would match ordinary words (`redactSecrets` skips them too). */
export const MIN_SECRET_LENGTH = 4;
const MAX_DEPTH = 5;

/** Secret values that are part of a field's value and may appear on their own (fal's key_secret half). */
const DERIVED: { readonly [K in ProviderId]?: (record: Record<string, unknown>) => string[] } = {
  fal: (record) => (typeof record.apiKey === 'string' ? [splitFalKey(record.apiKey).keySecret] : []),
};

function parseJsonObject(text: string): unknown {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every string inside a secret value; JSON text is read (a key file), its public parts skipped. */
function collect(value: unknown, publicParts: ReadonlySet<string>, found: Set<string>, depth: number): void {
  if (typeof value === 'string') {
    const json = parseJsonObject(value);
    if (json !== undefined) return collect(json, publicParts, found, depth);
    for (const text of [value, value.trim()]) if (text.length >= MIN_SECRET_LENGTH) found.add(text);
  } else if (Array.isArray(value) && depth < MAX_DEPTH) {
    for (const item of value) collect(item, publicParts, found, depth + 1);
  } else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, item] of Object.entries(value)) {
      if (!publicParts.has(key)) collect(item, publicParts, found, depth + 1);
    }
  }
}

/**
 * The one rule for which credential values are secret, read from {@link CREDENTIAL_GUIDES}: a
 * field is secret unless its provider's guide marks it `secret: false`, so aliases, typos and
 * unknown fields count as secret. Of a secret field, every string is secret (JSON held in a
 * string is read, such as a service-account key file), except the parts its guide lists in
 * `publicParts`. Linking, the sync, the CLI and every adapter redact exactly these values.
 * `credentials` may be anything (raw input, stored or parsed credentials); non-objects have none.
 */
export function credentialSecrets(provider: ProviderId, credentials: unknown): string[] {
  const record = typeof credentials === 'string' ? parseJsonObject(credentials) : credentials;
  if (!record || typeof record !== 'object' || Array.isArray(record)) return [];
  const fields = new Map(CREDENTIAL_GUIDES[provider].fields.map((f) => [f.name, f]));
  const found = new Set<string>();
  for (const [name, value] of Object.entries(record)) {
    const guide = fields.get(name);
    if (guide && !guide.secret) continue;
    collect(value, new Set(guide?.publicParts ?? []), found, 0);
  }
  const derived = DERIVED[provider]?.(record as Record<string, unknown>) ?? [];
  for (const value of derived) if (value.length >= MIN_SECRET_LENGTH) found.add(value);
  return [...found];
}

/** The names of every provider's secret credential fields (for loggers that censor by field name). */
export const SECRET_CREDENTIAL_FIELDS: readonly string[] = [
  ...new Set(Object.values(CREDENTIAL_GUIDES).flatMap((g) => g.fields.filter((f) => f.secret).map((f) => f.name))),
].sort();
