import { reloadMasterKeyring, type MasterKeyring } from '@spendsync/config';
import { createCredentialCipher, type CredentialCipher } from './credential-cipher';

/**
 * The process's credential cipher from its master keyring: the current key encrypts, earlier
 * ones still decrypt, and a key file is read again when a credential names a key the process
 * does not hold yet (`spendsync rotate-master-key` installed a new one meanwhile).
 */
export function createMasterKeyCipher(ring: MasterKeyring): CredentialCipher {
  const { file } = ring;
  return createCredentialCipher(ring.current, {
    previous: ring.previous,
    reload: file ? () => reloadMasterKeyring(file, ring.previous) : undefined,
  });
}
