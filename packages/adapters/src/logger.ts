/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logger adapters receive. The sync engine passes one that also writes the sync log. */
export type Logger = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

/** Discards everything; the default for tests and one-off calls. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const REDACTED = '[redacted]';

/** Replaces every occurrence of any secret (4+ chars) in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value instanceof Error) return redactSecrets(`${value.name}: ${value.message}`, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets)]));
  }
  return value;
}

/**
 * Wraps a logger so that no secret reaches it, whatever a message or field contains.
 * Every adapter wraps its injected logger with its credential's secret values.
 */
export function createRedactingLogger(inner: Logger, secrets: readonly string[]): Logger {
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void =>
      inner[level](redactSecrets(message, secrets), fields && (redactValue(fields, secrets) as LogFields));
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
