import { describe, expect, it } from '@jest/globals';
import { decodeNotification, encodeNotification, MAX_NOTIFY_BYTES } from './notify-payload';

describe('encodeNotification', () => {
  it('round-trips a small event unchanged', () => {
    const notification = { origin: 'o1', topic: 'T', payload: { a: 1, b: ['x', 'y'], c: null, d: 'ünï' } };
    expect(decodeNotification(encodeNotification(notification))).toEqual(notification);
  });

  it.each<[string, unknown]>([
    ['a long log line', { message: 'x'.repeat(20_000), runId: 'r' }],
    [
      'a long list of missing days',
      { missingDays: Array.from({ length: 3_000 }, (_, i) => `2026-01-${i}`), runId: 'r' },
    ],
    ['multi-byte text', { message: '🔑'.repeat(5_000) }],
  ])('cuts %s to fit under the NOTIFY limit, keeping the short fields', (_name, payload) => {
    const text = encodeNotification({ origin: 'o', topic: 'T', payload });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_NOTIFY_BYTES);
    const decoded = decodeNotification(text)!;
    expect(decoded.topic).toBe('T');
    if ((payload as { runId?: string }).runId) expect((decoded.payload as { runId: string }).runId).toBe('r');
  });

  it('refuses a payload that cannot be made small enough', () => {
    const payload = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`field${i}`, i]));
    expect(() => encodeNotification({ origin: 'o', topic: 'T', payload })).toThrow(/cannot be made small enough/);
  });
});

describe('decodeNotification', () => {
  it.each(['', 'not json', '{"t":"T"}', '{"o":1,"t":"T"}'])('ignores %j', (text) => {
    expect(decodeNotification(text)).toBeUndefined();
  });
});
