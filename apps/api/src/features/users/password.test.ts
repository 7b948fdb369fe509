import { describe, expect, it } from '@jest/globals';
import { hashPassword, UNUSABLE_PASSWORD_HASH, verifyPassword } from './password';

describe('hashPassword / verifyPassword', () => {
  it('verifies the password it hashed, with a fresh salt each time', async () => {
    const [first, second] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(first).not.toBe(second);
    await expect(verifyPassword('correct horse', first)).resolves.toBe(true);
    await expect(verifyPassword('correct horsf', first)).resolves.toBe(false);
  });

  it('treats Unicode compatibility forms alike (NFKC)', async () => {
    await expect(verifyPassword('ﬁne password', await hashPassword('fine password'))).resolves.toBe(true);
  });

  it.each(['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$16384$8$1$$'])('refuses the malformed hash %j', async (stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });

  it('matches nothing with the unusable hash', async () => {
    await expect(verifyPassword('', UNUSABLE_PASSWORD_HASH)).resolves.toBe(false);
  });
});
