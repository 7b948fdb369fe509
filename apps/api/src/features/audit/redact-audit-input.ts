/** Argument names whose values are secrets: credentials, passwords, tokens, keys, one-time sign-in codes. */
const SECRET = /credential|password|secret|token|apikey|api_key|privatekey|private_key|^code$/i;
/** …unless they only name or point at one (`apiKeyId`, `apiTokenId`, `keyHint`). */
const REFERENCE = /(id|ids|hint|name)$/i;

export const REDACTED = '[redacted]';

/**
 * A mutation's arguments as the audit log keeps them: every value under a secret-sounding name
 * (recursively) replaced by "[redacted]", so the log says *that* credentials changed, never what
 * they are. Plain JSON out (dates as ISO strings).
 */
export function redactAuditInput(value: unknown, key = ''): unknown {
  if (key && SECRET.test(key) && !REFERENCE.test(key)) return value === null || value === undefined ? value : REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactAuditInput(item));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAuditInput(v, k)]));
  }
  return value;
}
