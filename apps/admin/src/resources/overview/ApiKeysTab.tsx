import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { Suspense, lazy, useState } from 'react';
import { DashboardTable, type Column } from './DashboardTable';
import { API_KEY_DASHBOARD, type ApiKeyRow, type DashboardPage } from './dashboard-queries';
import { NOT_AVAILABLE, formatCount, formatUsd } from './format';
import { providerLabel } from './providers';
import { activeSort, tabVariables } from './tab-query';
import type { TabProps } from './tab-props';
import { TrendArrow } from './TrendArrow';
import { useOverviewQuery } from './useOverviewQuery';
import { AnomalyBadge } from '../anomalies/AnomalyBadge';

const KeyCostDialog = lazy(() => import('./KeyCostDialog').then((m) => ({ default: m.KeyCostDialog })));

/** Input + output tokens, or "—" when the provider reports neither. */
export function totalTokens(row: Pick<ApiKeyRow, 'inputTokens' | 'outputTokens'>): number | null {
  if (row.inputTokens === null && row.outputTokens === null) return null;
  return (row.inputTokens ?? 0) + (row.outputTokens ?? 0);
}

/** The flags shown on a key: idle (0 requests) and uninstrumented (billed, never metered). */
function KeyFlags({ row }: { row: ApiKeyRow }) {
  return (
    <Stack direction="row" spacing={0.5}>
      {row.isIdle ? <Chip size="small" color="warning" label="Idle" title="No requests in the period" /> : null}
      {row.isUninstrumented ? <Chip size="small" color="error" variant="outlined" label="Uninstrumented" title="Billed, but no application reported metered traffic" /> : null}
    </Stack>
  );
}

const COLUMNS: readonly Column<ApiKeyRow>[] = [
  {
    id: 'hint', label: 'Key', sortField: 'hint',
    render: (r) => (
      <Box>
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>{r.hint ?? r.externalId}</Typography>
        {r.name ? <Typography variant="caption" color="text.secondary">{r.name}</Typography> : null}
        <AnomalyBadge level="API_KEY" provider={r.provider} seriesKey={r.externalId} />
      </Box>
    ),
  },
  { id: 'provider', label: 'Provider', sortField: 'provider', render: (r) => providerLabel(r.provider) },
  { id: 'workspace', label: 'Workspace', sortField: 'workspaceName', render: (r) => r.workspaceName ?? '—' },
  { id: 'cost', label: 'Cost', sortField: 'cost', numeric: true, render: (r) => formatUsd(r.cost) },
  { id: 'trend', label: 'Trend', sortField: 'costChange', numeric: true, render: (r) => <TrendArrow change={r.costChange} current={r.cost} /> },
  { id: 'tokens', label: 'Tokens', sortField: 'inputTokens', numeric: true, render: (r) => { const t = totalTokens(r); return t === null ? '—' : formatCount(t); } },
  {
    id: 'requests', label: 'Requests', sortField: 'requests', numeric: true,
    render: (r) => (r.requests === null ? <Tooltip title="This provider does not report request counts"><span>{NOT_AVAILABLE}</span></Tooltip> : formatCount(r.requests)),
  },
  { id: 'last', label: 'Last used', sortField: 'lastActiveDay', render: (r) => r.lastUsedAt?.slice(0, 10) ?? r.lastActiveDay ?? '—' },
  { id: 'flags', label: '', render: (r) => <KeyFlags row={r} /> },
];

/** Highlights: idle keys amber, uninstrumented keys with a red edge. */
export function keyRowSx(row: ApiKeyRow) {
  if (row.isIdle) return { bgcolor: 'rgba(237, 108, 2, 0.08)' };
  if (row.isUninstrumented) return { boxShadow: 'inset 3px 0 0 #d32f2f' };
  return undefined;
}

/** API Keys: cost, usage and trend per key; idle and uninstrumented keys highlighted; a row opens its cost over time. */
export function ApiKeysTab({ filter, setFilter, page, setPage }: TabProps) {
  const [selected, setSelected] = useState<ApiKeyRow | null>(null);
  const { data, error, isFetching } = useOverviewQuery<{ apiKeyDashboard: DashboardPage<ApiKeyRow> }>(
    'api-keys', API_KEY_DASHBOARD, tabVariables('api-keys', filter, page),
  );
  return (
    <Box sx={{ mt: 2 }}>
      <DashboardTable
        label="API Keys"
        columns={COLUMNS}
        rows={data?.apiKeyDashboard.rows}
        total={data?.apiKeyDashboard.total ?? 0}
        rowKey={(r) => `${r.providerAccountId}|${r.externalId}`}
        sort={activeSort('api-keys', filter)}
        onSort={(sort) => setFilter({ ...filter, sort })}
        page={page}
        onPage={setPage}
        isLoading={isFetching}
        error={error}
        onRowClick={(row) => setSelected(row)}
        rowSx={keyRowSx}
        empty="No API keys match this filter."
      />
      {selected ? (
        <Suspense fallback={null}>
          <KeyCostDialog row={selected} filter={filter} onClose={() => setSelected(null)} />
        </Suspense>
      ) : null}
    </Box>
  );
}
