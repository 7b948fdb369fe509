import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { Link as RouterLink } from 'react-router';
import { downloadWithAuth } from './ExportCsvButton';
import { formatRatio, formatUsd } from './format';
import type { OverviewFilter } from './overview-filter';
import { providerLabel } from './providers';
import {
  RECONCILIATION,
  entityPath,
  reconciliationExportPath,
  reconciliationFilter,
  type Reconciliation,
  type ReconciliationCause,
  type ReconciliationEntity,
} from './reconciliation-query';
import { ReconciliationChart } from './ReconciliationChart';
import { SummaryCard } from './SummaryCard';
import { useOverviewDataProvider, useOverviewQuery } from './useOverviewQuery';

const KIND_LABELS: Record<ReconciliationEntity['kind'], string> = {
  API_KEY: 'API key',
  MODEL: 'model',
  PROVIDER: 'credits',
  DAY: 'provisional day',
};

/** The kind of an entity, in words. */
const kindLabel = (e: ReconciliationEntity) => (e.kind === 'API_KEY' && !e.keyLabel ? 'no key' : KIND_LABELS[e.kind]);

/** What an entity is, in words. */
function entityName(e: ReconciliationEntity): string {
  if (e.kind === 'API_KEY') return e.keyLabel ?? 'Traffic with no API key';
  if (e.kind === 'MODEL') return e.model ?? '—';
  if (e.kind === 'DAY') return e.day ?? '—';
  return providerLabel(e.provider);
}

const entityKey = (e: ReconciliationEntity) =>
  [e.kind, e.apiKeyId ?? e.keyLabel ?? '', e.model ?? '', e.day ?? '', e.provider].join(':');

type RowProps = { filter: OverviewFilter; onNavigate(): void };

function EntityRow({ entity, filter, onNavigate }: RowProps & { entity: ReconciliationEntity }) {
  const path = entityPath(entity, filter);
  const name = entityName(entity);
  return (
    <TableRow data-entity={entity.kind} data-entity-name={name}>
      <TableCell sx={{ pl: 4 }}>
        {path ? (
          <Link component={RouterLink} to={path} onClick={onNavigate}>
            {name}
          </Link>
        ) : (
          name
        )}
        <Typography component="span" variant="caption" color="text.secondary">
          {' '}
          · {kindLabel(entity)}, {providerLabel(entity.provider)}
        </Typography>
      </TableCell>
      <TableCell align="right">{formatUsd(entity.amount)}</TableCell>
    </TableRow>
  );
}

function CauseRows({ cause, filter, onNavigate }: RowProps & { cause: ReconciliationCause }) {
  const zero = /^-?0(\.0*)?$/.test(cause.amount);
  const more = cause.entityCount - cause.entities.length;
  return (
    <>
      <TableRow data-cause={cause.cause} sx={{ '& td': { fontWeight: 600 } }}>
        <TableCell>
          {cause.label}
          {cause.cause === 'UNEXPLAINED' && !zero ? (
            <Chip size="small" color="warning" label="check" sx={{ ml: 1 }} />
          ) : null}
        </TableCell>
        <TableCell align="right">{formatUsd(cause.amount)}</TableCell>
      </TableRow>
      {cause.entities.map((e) => (
        <EntityRow key={entityKey(e)} entity={e} filter={filter} onNavigate={onNavigate} />
      ))}
      {more > 0 ? (
        <TableRow>
          <TableCell sx={{ pl: 4 }} colSpan={2}>
            … and {more} more (see the CSV export)
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}

const DAY_HEADERS = ['Day', 'Billed', 'Credits', 'Metered', 'Gap'];

function DaysTable({ days }: { days: Reconciliation['days'] }) {
  return (
    <Table size="small" aria-label="Billed and metered per day">
      <TableHead>
        <TableRow>
          {DAY_HEADERS.map((h, i) => (
            <TableCell key={h} align={i === 0 ? 'left' : 'right'}>
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {days.map((d) => (
          <TableRow key={d.day} data-day={d.day}>
            <TableCell>
              {d.day}
              {d.provisional ? <Chip size="small" label="provisional" sx={{ ml: 1 }} /> : null}
            </TableCell>
            <TableCell align="right">{formatUsd(d.billed)}</TableCell>
            <TableCell align="right">{formatUsd(d.credits)}</TableCell>
            <TableCell align="right">{formatUsd(d.metered)}</TableCell>
            <TableCell align="right">{formatUsd(d.gap)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Breakdown({ r, filter, onNavigate }: RowProps & { r: Reconciliation }) {
  return (
    <>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
        <SummaryCard
          title="Billed"
          value={formatUsd(r.billed)}
          footer={
            <>
              {formatUsd(r.credits)} credits, {formatUsd(r.net)} net
            </>
          }
        />
        <SummaryCard title="Metered" value={formatUsd(r.metered)} footer={<>Coverage {formatRatio(r.coverage)}</>} />
        <SummaryCard title="Gap" value={formatUsd(r.gap)} footer={<>net − metered, explained below</>} />
      </Stack>
      {r.meteredLinesWithoutCost > 0 ? (
        <Alert severity="info" sx={{ mb: 1 }}>
          {r.meteredLinesWithoutCost} metered lines came without a cost estimate; their cost counts as unknown.
        </Alert>
      ) : null}
      <Table size="small" aria-label="The gap by cause">
        <TableHead>
          <TableRow>
            <TableCell>Cause</TableCell>
            <TableCell align="right">Amount</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {r.causes.map((c) => (
            <CauseRows key={c.cause} cause={c} filter={filter} onNavigate={onNavigate} />
          ))}
          <TableRow data-cause-total sx={{ '& td': { fontWeight: 700 } }}>
            <TableCell>Gap</TableCell>
            <TableCell align="right">{formatUsd(r.gap)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Box sx={{ mt: 3 }}>
        <Typography variant="subtitle2" sx={{ mb: 1 }}>
          Per day
        </Typography>
        <ReconciliationChart days={r.days} />
        <DaysTable days={r.days} />
      </Box>
    </>
  );
}

/**
 * Billed vs metered over the Overview's filter (drill-down from the Providers tab's coverage):
 * totals, each cause of the gap with the keys, models, days and providers behind it (keys and
 * models link to their tabs, filtered to them), and the days.
 */
export function ReconciliationDialog({ filter, onClose }: { filter: OverviewFilter; onClose(): void }) {
  const variables = { filter: reconciliationFilter(filter) };
  type Data = { spendsyncReconciliation: Reconciliation };
  const { data, error } = useOverviewQuery<Data>('reconciliation', RECONCILIATION, variables);
  const r = data?.spendsyncReconciliation;
  const dataProvider = useOverviewDataProvider();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async (rows: 'days' | 'causes') => {
    setBusy(true);
    try {
      await downloadWithAuth(dataProvider, reconciliationExportPath(filter, rows), `reconciliation-${rows}.csv`);
    } catch (e) {
      notify(`Export failed: ${(e as Error).message}`, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="reconciliation-title">
      <DialogTitle id="reconciliation-title">
        Billed vs metered{r ? ` · ${r.period.start} to ${r.period.end}` : ''}
      </DialogTitle>
      <DialogContent>
        {error ? <Alert severity="error">{(error as Error).message}</Alert> : null}
        {r ? <Breakdown r={r} filter={filter} onNavigate={onClose} /> : null}
        {!r && !error ? <Typography>Loading…</Typography> : null}
      </DialogContent>
      <DialogActions>
        <Button size="small" disabled={busy} onClick={() => void download('days')}>
          Export days (CSV)
        </Button>
        <Button size="small" disabled={busy} onClick={() => void download('causes')}>
          Export causes (CSV)
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
