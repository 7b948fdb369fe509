import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12; // GCM's standard nonce size
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Decryption failed: wrong master key, altered data, or data bound to another context. */
export class CredentialDecryptError extends Error {
  override readonly name = 'CredentialDecryptError';
}

/** Encrypts provider credentials at rest (AES-256-GCM, DESIGN.md §7). */
export type CredentialCipher = {
  /**
   * `version(1) ‖ iv(12) ‖ tag(16) ‖ ciphertext`, with a fresh random IV each time. `context`
   * (e.g. the organization id) is authenticated but not stored: the blob only decrypts with it,
   * so a blob copied into another organization's row is useless there.
   */
  encrypt(plaintext: string, context?: string): Buffer;
  /** The plaintext, or a {@link CredentialDecryptError} that never contains any of it. */
  decrypt(blob: Buffer, context?: string): string;
};

/** A cipher under the 32-byte master key. */
export function createCredentialCipher(masterKey: Buffer): CredentialCipher {
  if (masterKey.length !== 32) throw new RangeError(`The master key must be 32 bytes, got ${masterKey.length}`);
  const key = Buffer.from(masterKey); // our own copy: later changes to the caller's buffer cannot affect us
  return {
    encrypt(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), ciphertext]);
    },
    decrypt(blob, context = '') {
      if (blob.length < HEADER_BYTES || blob[0] !== VERSION) {
        throw new CredentialDecryptError('Stored credentials are not in a format this version of spendsync can read.');
      }
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, HEADER_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        // The cause says nothing useful and must not leak partial output: replace it.
        throw new CredentialDecryptError(
          'Stored credentials could not be decrypted: SPENDSYNC_MASTER_KEY differs from the key they were saved with, or the data was altered. Re-enter the credentials or restore the original key.',
        );
      }
    },
  };
}
