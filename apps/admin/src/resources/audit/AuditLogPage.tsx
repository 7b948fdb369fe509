import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { formatDateTime } from '../../format';
import { AdminOnly } from '../AdminOnly';
import { downloadWithAuth } from '../overview/ExportCsvButton';
import { useOverviewDataProvider } from '../overview/useOverviewQuery';
import {
  AUDIT_EVENTS,
  EMPTY_AUDIT_FILTER,
  PAGE_SIZE,
  auditExportPath,
  describeInput,
  toAuditFilter,
  type AuditEventRecord,
  type AuditFilterState,
} from './audit-query';

type Page = { spendsyncAuditEvents: { total: number; rows: AuditEventRecord[] } };

function EventRows({ rows }: { rows: readonly AuditEventRecord[] }) {
  if (rows.length === 0) {
    return (
      <TableRow>
        <TableCell colSpan={6}>
          <Typography color="text.secondary">No changes match.</Typography>
        </TableCell>
      </TableRow>
    );
  }
  return rows.map((e) => (
    <TableRow key={e.id} data-testid="audit-row" data-action={e.action} data-outcome={e.outcome}>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.occurredAt)}</TableCell>
      <TableCell>
        {e.actorLabel}
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {e.actorType === 'API_TOKEN' ? 'API token' : 'user'} · {e.clientAddress}
        </Typography>
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace' }}>{e.action}</TableCell>
      <TableCell>
        {e.targetType ?? ''}
        {e.targetId ? (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {e.targetId}
          </Typography>
        ) : null}
      </TableCell>
      <TableCell>
        {e.outcome === 'SUCCEEDED' ? (
          <Chip size="small" color="success" label="succeeded" />
        ) : (
          <Chip size="small" color="error" label={`failed${e.errorCode ? ` (${e.errorCode})` : ''}`} />
        )}
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', maxWidth: 420 }}>
        {describeInput(e.changes)}
      </TableCell>
    </TableRow>
  ));
}

function Filters({ value, onChange }: { value: AuditFilterState; onChange(next: AuditFilterState): void }) {
  const set = (key: keyof AuditFilterState) => (event: { target: { value: string } }) =>
    onChange({ ...value, [key]: event.target.value });
  return (
    <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1 }}>
      <TextField size="small" label="Who" value={value.actor} onChange={set('actor')} sx={{ width: 200 }} />
      <TextField
        size="small"
        label="Action"
        value={value.action}
        onChange={set('action')}
        placeholder="linkProvider"
        sx={{ width: 200 }}
      />
      <TextField
        size="small"
        select
        label="Outcome"
        value={value.outcome}
        onChange={set('outcome')}
        sx={{ width: 150 }}>
        <MenuItem value="">any</MenuItem>
        <MenuItem value="SUCCEEDED">succeeded</MenuItem>
        <MenuItem value="FAILED">failed</MenuItem>
      </TextField>
      <TextField
        size="small"
        type="date"
        label="From (UTC)"
        value={value.from}
        onChange={set('from')}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        size="small"
        type="date"
        label="To (UTC)"
        value={value.to}
        onChange={set('to')}
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </Stack>
  );
}

function AuditLog() {
  const dataProvider = useOverviewDataProvider();
  const notify = useNotify();
  const [filter, setFilter] = useState<AuditFilterState>(EMPTY_AUDIT_FILTER);
  const [offset, setOffset] = useState(0);
  const variables = { filter: toAuditFilter(filter), limit: PAGE_SIZE, offset };
  const { data, error, isFetching } = useQuery({
    queryKey: ['audit-events', variables],
    queryFn: () => dataProvider.graphql<Page>(AUDIT_EVENTS, variables),
    placeholderData: keepPreviousData,
  });
  const page = data?.spendsyncAuditEvents;
  const download = async () => {
    try {
      await downloadWithAuth(dataProvider, auditExportPath(filter), 'audit.csv');
    } catch (failure) {
      notify(`Export failed: ${(failure as Error).message}`, { type: 'error' });
    }
  };
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Every change made through the API — by people and by API tokens, refused attempts included — with who, when,
        from which address, what was asked (secrets shown as [redacted]) and how it ended. Nobody can edit or delete
        these entries.
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Filters
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setOffset(0);
          }}
        />
        <Box sx={{ flex: 1 }} />
        <Button variant="outlined" size="small" onClick={() => void download()}>
          Export CSV
        </Button>
      </Stack>
      {isFetching ? <LinearProgress /> : null}
      {error ? <Alert severity="error">{error.message}</Alert> : null}
      <Table size="small" aria-label="Audit log">
        <TableHead>
          <TableRow>
            {['When', 'Who', 'Action', 'Target', 'Outcome', 'Input'].map((h) => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{page ? <EventRows rows={page.rows} /> : null}</TableBody>
      </Table>
      {page ? (
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <Typography variant="body2" data-testid="audit-range">
            {page.total === 0 ? '0 changes' : `${offset + 1}–${offset + page.rows.length} of ${page.total}`}
          </Typography>
          <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            Newer
          </Button>
          <Button
            size="small"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}>
            Older
          </Button>
        </Stack>
      ) : null}
    </>
  );
}

/** The audit log: filter, page through and export every change made through the API. Admins only. */
export function AuditLogPage() {
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Audit log" />
      <AdminOnly what="the audit log">
        <AuditLog />
      </AdminOnly>
    </Box>
  );
}
