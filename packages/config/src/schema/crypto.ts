import { z } from 'zod';

/** Size of the AES-256 key that encrypts provider credentials at rest. */
export const MASTER_KEY_BYTES = 32;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** What a master key must look like; the message never repeats the value, which is a secret. */
export const MASTER_KEY_RULE = `must be ${MASTER_KEY_BYTES} random bytes in base64 (generate one with \`openssl rand -base64 32\`)`;

/** Decodes a base64 master key, or returns undefined when it is not exactly 32 bytes of base64. */
export function decodeMasterKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === MASTER_KEY_BYTES ? bytes : undefined;
}

/** Encryption of provider credentials at rest (AES-256-GCM, DESIGN.md §7). */
export const ZCryptoEnv = z.object({
  /**
   * Base64 of 32 random bytes. Optional outside production: without it a key is generated once
   * into the data dir (see resolveMasterKey). Losing it makes stored credentials unreadable.
   */
  SPENDSYNC_MASTER_KEY: z
    .string()
    .transform((text, ctx) => {
      const key = decodeMasterKey(text);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: MASTER_KEY_RULE });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
  /**
   * A file holding the key (a mounted secret, e.g. `/run/secrets/spendsync_master_key`), used
   * when SPENDSYNC_MASTER_KEY is unset. Allowed in production, where it must be readable by its
   * owner only (mode 0600 or stricter).
   */
  SPENDSYNC_MASTER_KEY_FILE: z.string().optional(),
  /**
   * Earlier master keys (comma-separated, base64), still accepted for reading while
   * `spendsync rotate-master-key` moves every credential to the current key. Never used to encrypt.
   */
  SPENDSYNC_MASTER_KEY_PREVIOUS: z
    .string()
    .transform((text, ctx) => {
      const keys = text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map(decodeMasterKey);
      if (keys.length === 0 || keys.some((key) => key === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of keys, each of which ${MASTER_KEY_RULE}`,
        });
        return z.NEVER;
      }
      return keys as Buffer[];
    })
    .optional(),
});
