import type { useNotify } from 'react-admin';
import type { CredentialVerification } from '../../data-provider/records';

/**
 * What linking says: plain success when the provider check found the credential fully usable;
 * otherwise the check's warning (e.g. an OpenRouter standard key syncs only part of the data),
 * kept on screen until dismissed so it is read, not missed.
 */
export function notifyLinked(
  notify: ReturnType<typeof useNotify>,
  label: string,
  verification: CredentialVerification | undefined,
): void {
  if (verification && verification.detail !== 'FULL') {
    const message = verification.message ?? 'The provider says this credential can sync only part of the data.';
    notify(`${label} is linked, with a warning: ${message}`, {
      type: 'warning',
      autoHideDuration: null,
      multiLine: true,
    });
    return;
  }
  notify(`${label} is linked; its history is being synced.`, { type: 'success' });
}
