import { describe, expect, it } from '@jest/globals';
import { createCipheriv } from 'node:crypto';
import { createCredentialCipher, CredentialDecryptError, masterKeyId } from './credential-cipher';

const KEY = Buffer.alloc(32, 0x42);
const SECRET = JSON.stringify({ apiKey: 'sk-admin-very-secret-value-1234567890' });

function failureOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('createCredentialCipher', () => {
  const cipher = createCredentialCipher(KEY);

  it.each(['', 'a', SECRET, '{"serviceAccount":"ünïcødé 🔑"}', 'x'.repeat(100_000)])('round-trips %#', (plaintext) => {
    expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
  });

  it('lays out version 2, the key id, 12-byte IV, 16-byte tag and ciphertext', () => {
    const blob = cipher.encrypt('abc');
    expect(blob[0]).toBe(2);
    expect(blob.subarray(1, 9).toString('hex')).toBe(masterKeyId(KEY));
    expect(cipher.keyIdOf(blob)).toBe(masterKeyId(KEY));
    expect(cipher.currentKeyId()).toBe(masterKeyId(KEY));
    expect(blob).toHaveLength(1 + 8 + 12 + 16 + 3);
  });

  it('uses a fresh IV each time, so equal credentials never look equal', () => {
    const a = cipher.encrypt(SECRET);
    const b = cipher.encrypt(SECRET);
    expect(a.subarray(9, 21).equals(b.subarray(9, 21))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('does not contain the plaintext', () => {
    expect(cipher.encrypt(SECRET).includes(Buffer.from('sk-admin'))).toBe(false);
  });

  it.each<[string, number]>([
    ['the version', 0],
    ['the key id', 4],
    ['the IV', 12],
    ['the tag', 25],
    ['the ciphertext', 40],
  ])('rejects a blob whose %s was altered', (_part, index) => {
    const blob = cipher.encrypt(SECRET);
    blob[index] ^= 0x01;
    expect(() => cipher.decrypt(blob)).toThrow(CredentialDecryptError);
  });

  it.each<[string, (blob: Buffer) => Buffer]>([
    ['truncated', (b) => b.subarray(0, b.length - 1)],
    ['cut to the header', (b) => b.subarray(0, 37)],
    ['shorter than the header', (b) => b.subarray(0, 10)],
    ['extended', (b) => Buffer.concat([b, Buffer.of(0)])],
  ])('rejects a %s blob', (_name, change) => {
    expect(() => cipher.decrypt(change(cipher.encrypt(SECRET)))).toThrow(CredentialDecryptError);
  });

  it('rejects another master key', () => {
    const other = createCredentialCipher(Buffer.alloc(32, 0x43));
    expect(() => other.decrypt(cipher.encrypt(SECRET))).toThrow(/SPENDSYNC_MASTER_KEY differs/);
  });

  it('binds the blob to its context', () => {
    const blob = cipher.encrypt(SECRET, 'org-a');
    expect(cipher.decrypt(blob, 'org-a')).toBe(SECRET);
    expect(() => cipher.decrypt(blob, 'org-b')).toThrow(CredentialDecryptError);
    expect(() => cipher.decrypt(blob)).toThrow(CredentialDecryptError);
  });

  it('never puts plaintext or key material in a decrypt error', () => {
    const blob = cipher.encrypt(SECRET);
    blob[blob.length - 1] ^= 0xff;
    const error = failureOf(() => cipher.decrypt(blob));
    const text = `${error.message} ${error.stack} ${String((error as { cause?: unknown }).cause)}`;
    expect(text).not.toContain('sk-admin');
    expect(text).not.toContain(KEY.toString('base64'));
    expect(text).not.toContain(KEY.toString('hex'));
  });

  it.each([0, 16, 31, 33])('refuses a %i-byte master key', (size) => {
    expect(() => createCredentialCipher(Buffer.alloc(size))).toThrow(/must be 32 bytes/);
  });

  it('reads blobs sealed before key ids (version 1) with any key it holds', () => {
    const legacy = (key: Buffer, plaintext: string, context: string) => {
      const iv = Buffer.alloc(12, 1);
      const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      c.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.of(1), iv, c.getAuthTag(), body]);
    };
    const old = Buffer.alloc(32, 0x11);
    const ring = createCredentialCipher(KEY, { previous: [old] });
    expect(ring.decrypt(legacy(old, SECRET, 'ctx'), 'ctx')).toBe(SECRET);
    expect(ring.keyIdOf(legacy(old, SECRET, 'ctx'))).toBeNull();
    expect(() => ring.decrypt(legacy(Buffer.alloc(32, 0x12), SECRET, 'ctx'), 'ctx')).toThrow(CredentialDecryptError);
  });

  it('decrypts with earlier keys and encrypts with the current one (rotation)', () => {
    const old = createCredentialCipher(Buffer.alloc(32, 0x11));
    const ring = createCredentialCipher(KEY, { previous: [Buffer.alloc(32, 0x11)] });
    expect(ring.decrypt(old.encrypt(SECRET, 'c'), 'c')).toBe(SECRET);
    expect(ring.keyIdOf(ring.encrypt(SECRET))).toBe(masterKeyId(KEY));
    expect(() => old.decrypt(ring.encrypt(SECRET))).toThrow(/SPENDSYNC_MASTER_KEY differs.*has id [0-9a-f]{16}/);
  });

  it('asks for the keys again when a blob names a key it does not hold, then encrypts with the new current key', () => {
    const next = Buffer.alloc(32, 0x21);
    let reloads = 0;
    const running = createCredentialCipher(KEY, {
      reload: () => {
        reloads += 1;
        return { current: next, previous: [KEY] };
      },
    });
    const rotated = createCredentialCipher(next).encrypt(SECRET, 'c');
    expect(running.decrypt(rotated, 'c')).toBe(SECRET);
    expect(reloads).toBe(1);
    expect(running.currentKeyId()).toBe(masterKeyId(next));
    expect(running.decrypt(cipher.encrypt(SECRET, 'c'), 'c')).toBe(SECRET); // the old key is still held
  });

  it('keeps working when the caller later overwrites its key buffer', () => {
    const key = Buffer.alloc(32, 7);
    const own = createCredentialCipher(key);
    const blob = own.encrypt(SECRET);
    key.fill(0);
    expect(own.decrypt(blob)).toBe(SECRET);
  });
});
