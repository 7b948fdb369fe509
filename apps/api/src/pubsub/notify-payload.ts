/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay safely below. */
export const MAX_NOTIFY_BYTES = 7_900;

/** What travels over the channel: the sender (to skip our own echo), the topic and the payload. */
export type Notification = { origin: string; topic: string; payload: unknown };

// Ever smaller limits for strings and arrays, tried in turn until the message fits.
const SHRINK_STEPS: readonly { text: number; items: number }[] = [
  { text: 2_000, items: 400 },
  { text: 500, items: 100 },
  { text: 120, items: 20 },
];

function shrink(value: unknown, limits: { text: number; items: number }): unknown {
  if (typeof value === 'string') return value.length > limits.text ? `${value.slice(0, limits.text)}…` : value;
  if (Array.isArray(value)) return value.slice(0, limits.items).map((item) => shrink(item, limits));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shrink(item, limits)]));
  }
  return value;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The NOTIFY text for a notification. A payload too large for NOTIFY has its long strings (log
 * lines) and long arrays (missing days) cut: events are for live display, and the database keeps
 * the full text. Throws only when even the smallest cut does not fit.
 */
export function encodeNotification(notification: Notification): string {
  const text = JSON.stringify({ o: notification.origin, t: notification.topic, p: notification.payload });
  if (bytes(text) <= MAX_NOTIFY_BYTES) return text;
  for (const limits of SHRINK_STEPS) {
    const smaller = JSON.stringify({
      o: notification.origin,
      t: notification.topic,
      p: shrink(notification.payload, limits),
    });
    if (bytes(smaller) <= MAX_NOTIFY_BYTES) return smaller;
  }
  throw new RangeError(
    `An event on "${notification.topic}" cannot be made small enough for NOTIFY (${bytes(text)} bytes)`,
  );
}

/** Parses NOTIFY text written by {@link encodeNotification}; undefined for anything else. */
export function decodeNotification(text: string): Notification | undefined {
  try {
    const parsed = JSON.parse(text) as { o?: unknown; t?: unknown; p?: unknown };
    if (typeof parsed.o !== 'string' || typeof parsed.t !== 'string') return undefined;
    return { origin: parsed.o, topic: parsed.t, payload: parsed.p };
  } catch {
    return undefined;
  }
}
