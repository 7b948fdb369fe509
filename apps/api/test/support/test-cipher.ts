import { createCredentialCipher } from '../../src/features/provider-accounts/credential-cipher';

/** The master key every test engine uses, in jest and in child processes alike. */
export const TEST_CIPHER = createCredentialCipher(Buffer.alloc(32, 0x5a));
