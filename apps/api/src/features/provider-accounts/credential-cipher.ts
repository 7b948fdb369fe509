import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const LEGACY_VERSION = 1; // version(1) ‖ iv ‖ tag ‖ ciphertext: no key id, any held key is tried
const VERSION = 2; // version(1) ‖ keyId(8) ‖ iv ‖ tag ‖ ciphertext
const KEY_ID_BYTES = 8;
const IV_BYTES = 12; // GCM's standard nonce size
const TAG_BYTES = 16;
const LEGACY_HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;
const RELOAD_EVERY_MS = 2_000;

/** Decryption failed: wrong master key, altered data, or data bound to another context. */
export class CredentialDecryptError extends Error {
  override readonly name = 'CredentialDecryptError';
}

/** The keys a cipher holds: `current` encrypts; it and every `previous` key decrypt. */
export type CipherKeys = { current: Buffer; previous?: readonly Buffer[] };

/**
 * A master key's public name: the first 8 bytes of SHA-256 over a fixed label and the key, hex.
 * Stored in each ciphertext so the right key is found at once (and a rotation can tell which
 * rows it has moved); it reveals nothing usable about the key.
 */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('spendsync:master-key-id:')
    .update(key)
    .digest()
    .subarray(0, KEY_ID_BYTES)
    .toString('hex');
}

/** Encrypts provider credentials at rest (AES-256-GCM, DESIGN.md §7). */
export type CredentialCipher = {
  /**
   * `version(2) ‖ keyId(8) ‖ iv(12) ‖ tag(16) ‖ ciphertext` under the current key, with a fresh
   * random IV each time. `context` (the account it belongs to) is authenticated but not stored:
   * the blob only decrypts with it, so a blob copied into another account's row is useless there.
   */
  encrypt(plaintext: string, context?: string): Buffer;
  /** The plaintext, or a {@link CredentialDecryptError} that never contains any of it. */
  decrypt(blob: Buffer, context?: string): string;
  /** The id of the key `encrypt` uses now. */
  currentKeyId(): string;
  /** The id of the key a blob was sealed with; null for blobs from before key ids. */
  keyIdOf(blob: Buffer): string | null;
};

function seal(key: Buffer, keyId: Buffer, plaintext: string, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), keyId, iv, cipher.getAuthTag(), ciphertext]);
}

/** AES-GCM open of `iv ‖ tag ‖ ciphertext`; undefined when it does not authenticate. */
function open(key: Buffer, body: Buffer, context: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined; // the cause says nothing useful and must not leak partial output
  }
}

const copy = (key: Buffer): Buffer => {
  if (key.length !== 32) throw new RangeError(`The master key must be 32 bytes, got ${key.length}`);
  return Buffer.from(key); // our own copy: later changes to the caller's buffer cannot affect us
};

const FAILED =
  'Stored credentials could not be decrypted: SPENDSYNC_MASTER_KEY differs from the key they were saved with, or the data was altered. Re-enter the credentials or restore the original key.';

/**
 * A cipher under the 32-byte master key, optionally holding earlier keys for reading (during a
 * rotation). `reload` is asked for the keys again, at most every 2 s, when a blob names a key
 * the cipher does not hold and before encrypting — another process may have rotated the key
 * file — and from then on its current key encrypts.
 */
export function createCredentialCipher(
  masterKey: Buffer,
  options: { previous?: readonly Buffer[]; reload?: () => CipherKeys | undefined } = {},
): CredentialCipher {
  let current = copy(masterKey);
  let currentId = Buffer.from(masterKeyId(current), 'hex');
  const byId = new Map<string, Buffer>();
  const hold = (keys: CipherKeys) => {
    current = copy(keys.current);
    currentId = Buffer.from(masterKeyId(current), 'hex');
    for (const key of [current, ...(keys.previous ?? [])].map(copy)) byId.set(masterKeyId(key), key);
  };
  hold({ current: masterKey, previous: options.previous });
  let reloadedAt = 0;
  const reload = (): boolean => {
    if (!options.reload || Date.now() - reloadedAt < RELOAD_EVERY_MS) return false;
    reloadedAt = Date.now();
    const keys = options.reload();
    if (!keys) return false;
    hold(keys);
    return true;
  };

  return {
    encrypt(plaintext, context = '') {
      reload(); // a key file rotated meanwhile: new credentials go under the new key at once
      return seal(current, currentId, plaintext, context);
    },
    decrypt(blob, context = '') {
      if (blob[0] === LEGACY_VERSION && blob.length >= LEGACY_HEADER_BYTES) {
        for (const key of byId.values()) {
          const plaintext = open(key, blob.subarray(1), context);
          if (plaintext !== undefined) return plaintext;
        }
        throw new CredentialDecryptError(FAILED);
      }
      if (blob[0] !== VERSION || blob.length < HEADER_BYTES) {
        throw new CredentialDecryptError('Stored credentials are not in a format this version of spendsync can read.');
      }
      const id = blob.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
      const key = byId.get(id) ?? (reload() ? byId.get(id) : undefined);
      const plaintext = key && open(key, blob.subarray(1 + KEY_ID_BYTES), context);
      if (plaintext === undefined)
        throw new CredentialDecryptError(key ? FAILED : `${FAILED} (The key they were saved with has id ${id}.)`);
      return plaintext;
    },
    currentKeyId: () => currentId.toString('hex'),
    keyIdOf: (blob) =>
      blob[0] === VERSION && blob.length >= HEADER_BYTES ? blob.subarray(1, 1 + KEY_ID_BYTES).toString('hex') : null,
  };
}
