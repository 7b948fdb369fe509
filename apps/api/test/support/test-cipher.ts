import { createCipheriv, randomBytes } from 'node:crypto';
import { createCredentialCipher } from '../../src/features/provider-accounts/credential-cipher';

/** The master key every test engine uses, in jest and in child processes alike. */
/** The key behind TEST_CIPHER. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x5a);

export const TEST_CIPHER = createCredentialCipher(TEST_MASTER_KEY);

/** A blob in the version-1 format of earlier releases (no key id), as rows stored before binding hold. */
export function sealVersion1(key: Buffer, plaintext: string, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
}
