import {
  Alert,
  Box,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { API_TOKENS } from '../../data-provider/documents';
import type { ApiTokenRecord } from '../../data-provider/records';
import { formatDateTime, formatDay } from '../../format';
import { AdminOnly } from '../AdminOnly';
import { useGraphqlQuery } from '../useGraphqlQuery';
import { CreateApiTokenForm, type CreatedToken } from './CreateApiTokenForm';
import { NewTokenDialog } from './NewTokenDialog';
import { RevokeTokenButton } from './RevokeTokenButton';

/** The day (UTC) the token stops working, marked once it has. */
function Expiry({ token, now }: { token: ApiTokenRecord; now: number }) {
  const day = formatDay(token.expiresAt.slice(0, 10));
  const expired = !token.revokedAt && Date.parse(token.expiresAt) <= now;
  if (expired) return <Chip size="small" color="warning" label={`Expired ${day}`} />;
  return <>{day}</>;
}

function TokenRows({ tokens }: { tokens: readonly ApiTokenRecord[] }) {
  const now = Date.now();
  if (tokens.length === 0) {
    return (
      <TableRow>
        <TableCell colSpan={7}>
          <Typography color="text.secondary">No API tokens yet.</Typography>
        </TableCell>
      </TableRow>
    );
  }
  return tokens.map((t) => (
    <TableRow key={t.id} data-testid="api-token-row" data-name={t.name} data-revoked={t.revokedAt ? 'true' : 'false'}>
      <TableCell>{t.name}</TableCell>
      <TableCell sx={{ fontFamily: 'monospace' }}>{t.hint}</TableCell>
      <TableCell>{t.canRecordUsage ? 'Read + report metered usage' : 'Read'}</TableCell>
      <TableCell>{formatDateTime(t.createdAt)}</TableCell>
      <TableCell data-testid="api-token-expires">
        <Expiry token={t} now={now} />
      </TableCell>
      <TableCell>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</TableCell>
      <TableCell>
        {t.revokedAt ? (
          <Chip size="small" label={`Revoked ${formatDateTime(t.revokedAt)}`} />
        ) : (
          <RevokeTokenButton token={t} />
        )}
      </TableCell>
    </TableRow>
  ));
}

function ApiTokens() {
  const { data, error, isPending } = useGraphqlQuery<{ apiTokens: ApiTokenRecord[] }>('api-tokens', API_TOKENS);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Tokens let scripts and applications call the API as a read-only caller; a token that can report metered usage
        lets an application send its own usage, which is what coverage compares with the bill.
      </Typography>
      <CreateApiTokenForm onCreated={setCreated} />
      {isPending ? <LinearProgress /> : null}
      {error ? <Alert severity="error">{error.message}</Alert> : null}
      <Table size="small" aria-label="API tokens">
        <TableHead>
          <TableRow>
            {['Name', 'Token', 'Can', 'Created', 'Expires', 'Last used', ''].map((h) => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{data ? <TokenRows tokens={data.apiTokens} /> : null}</TableBody>
      </Table>
      <NewTokenDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}

/**
 * API tokens: create one (shown once, with an expiry), see when each expires and was last used,
 * revoke. Admins only.
 */
export function ApiTokensPage() {
  return (
    <Box sx={{ p: 2 }}>
      <Title title="API tokens" />
      <AdminOnly what="API tokens">
        <ApiTokens />
      </AdminOnly>
    </Box>
  );
}
