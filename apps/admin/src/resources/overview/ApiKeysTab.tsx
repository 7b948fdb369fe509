import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { Suspense, lazy, useState } from 'react';
import { DashboardTable, type Column } from './DashboardTable';
import { API_KEY_DASHBOARD, type ApiKeyRow, type DashboardPage } from './dashboard-queries';
import { ComparisonNote } from './ComparisonNote';
import { ProvisionalChip } from './ProvisionalChip';
import { NOT_AVAILABLE, formatCount, formatUsd, sumCounts } from './format';
import { CreditMoney } from './NotCaptured';
import { providerLabel } from './providers';
import { activeSort, tabVariables } from './tab-query';
import type { TabProps } from './tab-props';
import { TrendArrow } from './TrendArrow';
import { useOverviewQuery } from './useOverviewQuery';
import { AnomalyBadge } from '../anomalies/AnomalyBadge';
import { BudgetBadge } from '../budgets/BudgetBadge';

const KeyCostDialog = lazy(() => import('./KeyCostDialog').then((m) => ({ default: m.KeyCostDialog })));

/** Input + output tokens (exact, as a digit string), or null when the provider reports neither. */
export function totalTokens(row: Pick<ApiKeyRow, 'inputTokens' | 'outputTokens'>): string | null {
  return sumCounts([row.inputTokens, row.outputTokens]);
}

/** What the Last used column shows: the provider's last use, else the last day with usage. */
export function lastUsedText(row: Pick<ApiKeyRow, 'lastUsedAt' | 'lastActiveDay'>): string {
  return row.lastUsedAt?.slice(0, 10) ?? row.lastActiveDay ?? '—';
}

/** An account's spend with no key: "(no key attribution)", and why, on hover and under it. */
function NoKey({ row }: { row: ApiKeyRow }) {
  return (
    <Tooltip title={row.note ?? ''}>
      <Box data-no-key>
        <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
          {NO_KEY}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {row.note}
        </Typography>
      </Box>
    </Tooltip>
  );
}

/** The label of spend the provider tied to no API key. */
export const NO_KEY = '(no key attribution)';

/** The flags shown on a key: idle (0 requests) and uninstrumented (billed, never metered). */
function KeyFlags({ row }: { row: ApiKeyRow }) {
  return (
    <Stack direction="row" spacing={0.5}>
      {row.isIdle ? <Chip size="small" color="warning" label="Idle" title="No requests in the period" /> : null}
      {row.isUninstrumented ? (
        <Chip
          size="small"
          color="error"
          variant="outlined"
          label="Uninstrumented"
          title="Billed, but no application reported metered traffic"
        />
      ) : null}
    </Stack>
  );
}

const COLUMNS: readonly Column<ApiKeyRow>[] = [
  {
    id: 'hint',
    label: 'Key',
    sortField: 'hint',
    render: (r) =>
      r.isUnattributed ? (
        <NoKey row={r} />
      ) : (
        <Box>
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
            {r.hint ?? r.externalId}
          </Typography>
          {r.name ? (
            <Typography variant="caption" color="text.secondary">
              {r.name}
            </Typography>
          ) : null}
          {r.externalId ? <AnomalyBadge level="API_KEY" provider={r.provider} seriesKey={r.externalId} /> : null}
          {r.apiKeyId ? <BudgetBadge apiKeyId={r.apiKeyId} /> : null}
        </Box>
      ),
  },
  { id: 'provider', label: 'Provider', sortField: 'provider', render: (r) => providerLabel(r.provider) },
  { id: 'workspace', label: 'Workspace', sortField: 'workspaceName', render: (r) => r.workspaceName ?? '—' },
  { id: 'cost', label: 'Cost', sortField: 'cost', numeric: true, render: (r) => formatUsd(r.cost) },
  {
    id: 'trend',
    label: 'Trend',
    sortField: 'costChange',
    numeric: true,
    render: (r) => (
      <>
        <TrendArrow change={r.costChange} current={r.cost} />
        <ProvisionalChip shown={r.includesProvisional} />
      </>
    ),
  },
  {
    id: 'credits',
    label: 'Credits',
    sortField: 'credits',
    numeric: true,
    render: (r) => <CreditMoney value={r.credits} providers={[r.provider]} />,
  },
  {
    id: 'net',
    label: 'Net',
    sortField: 'net',
    numeric: true,
    render: (r) => <CreditMoney value={r.net} providers={[r.provider]} />,
  },
  {
    id: 'tokens',
    label: 'Tokens',
    sortField: 'tokens',
    numeric: true,
    render: (r) => {
      const t = totalTokens(r);
      return t === null ? '—' : formatCount(t);
    },
  },
  {
    id: 'requests',
    label: 'Requests',
    sortField: 'requests',
    numeric: true,
    render: (r) =>
      r.requests === null ? (
        <Tooltip title="This provider does not report request counts">
          <span>{NOT_AVAILABLE}</span>
        </Tooltip>
      ) : (
        formatCount(r.requests)
      ),
  },
  { id: 'last', label: 'Last used', sortField: 'lastUsed', render: lastUsedText },
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
  const [selected, setSelected] = useState<(ApiKeyRow & { externalId: string }) | null>(null);
  const { data, error, isFetching } = useOverviewQuery<{ apiKeyDashboard: DashboardPage<ApiKeyRow> }>(
    'api-keys',
    API_KEY_DASHBOARD,
    tabVariables('api-keys', filter, page),
  );
  return (
    <Box sx={{ mt: 2 }}>
      <ComparisonNote
        period={data?.apiKeyDashboard.period}
        provisional={data?.apiKeyDashboard.rows.some((r) => r.includesProvisional)}
      />
      <DashboardTable
        label="API Keys"
        columns={COLUMNS}
        rows={data?.apiKeyDashboard.rows}
        total={data?.apiKeyDashboard.total ?? 0}
        rowKey={(r) => `${r.providerAccountId}|${r.externalId ?? ''}`}
        sort={activeSort('api-keys', filter)}
        onSort={(sort) => setFilter({ sort })}
        page={page}
        onPage={setPage}
        isLoading={isFetching}
        error={error}
        // spend with no key has no series of its own to drill into
        onRowClick={(row) => {
          if (row.externalId !== null) setSelected({ ...row, externalId: row.externalId });
        }}
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
