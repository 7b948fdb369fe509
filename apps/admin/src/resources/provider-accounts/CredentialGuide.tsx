import { Alert, AlertTitle, Typography } from '@mui/material';
import type { ProviderInfo } from '../../data-provider/records';

/** What credential a provider needs and where to create it (DESIGN.md §3's quick reference, from the API). */
export function CredentialGuide({
  info,
}: {
  info: Pick<ProviderInfo, 'label' | 'keyType' | 'whereToCreate' | 'dataDelay'> & { limitations?: string | null };
}) {
  return (
    <>
      <Alert severity="info" sx={{ width: '100%' }} data-testid="credential-guide">
        <AlertTitle>
          {info.label} needs: {info.keyType}
        </AlertTitle>
        <Typography variant="body2">
          <strong>Where to create it:</strong> {info.whereToCreate}
        </Typography>
        {info.dataDelay ? (
          <Typography variant="body2">
            <strong>Data delay:</strong> {info.dataDelay}
          </Typography>
        ) : null}
      </Alert>
      {/* Said before saving: what some credentials of this provider cannot sync, how far back data goes. */}
      {info.limitations ? (
        <Alert severity="warning" sx={{ width: '100%', mt: 1 }} data-testid="provider-limitations">
          {info.limitations}
        </Alert>
      ) : null}
    </>
  );
}
