import { Box, Chip, Stack, Typography } from '@mui/material';
import { DashboardTable, type Column } from './DashboardTable';
import { PROVIDER_DASHBOARD, type DashboardPage, type ProviderRow } from './dashboard-queries';
import { divideDecimals, percentChange, sumDecimals } from './decimal';
import { formatRatio, formatUsd } from './format';
import { providerLabel } from './providers';
import { SeriesChart } from './SeriesChart';
import { SummaryCard } from './SummaryCard';
import { activeSort, tabVariables } from './tab-query';
import type { TabProps } from './tab-props';
import { TrendArrow } from './TrendArrow';
import { useOverviewQuery } from './useOverviewQuery';

/** Said next to a comparison whose current period includes provisional days. */
const PROVISIONAL_NOTE = 'this period includes provisional days: the provider may still revise them';

/** Accounts are few: the Providers tab loads them all, so its totals cover every account. */
const ALL_ACCOUNTS = 500;

/** Exact totals over the accounts: spend, credits, net, metered, coverage and their trends. */
export function providerTotals(rows: readonly ProviderRow[]) {
  const sum = (pick: (r: ProviderRow) => string) => sumDecimals(rows.map(pick));
  const [spend, previousSpend, net, previousNet] = [sum((r) => r.spend), sum((r) => r.previousSpend), sum((r) => r.net), sum((r) => r.previousNet)];
  const metered = sum((r) => r.metered);
  return {
    spend, spendChange: percentChange(spend, previousSpend),
    credits: sum((r) => r.credits),
    net, netChange: percentChange(net, previousNet),
    metered, coverage: divideDecimals(metered, spend, 4),
  };
}

const COLUMNS: readonly Column<ProviderRow>[] = [
  { id: 'label', label: 'Account', sortField: 'label', render: (r) => r.label },
  { id: 'provider', label: 'Provider', sortField: 'provider', render: (r) => providerLabel(r.provider) },
  { id: 'spend', label: 'Spend', sortField: 'spend', numeric: true, render: (r) => formatUsd(r.spend) },
  {
    id: 'trend', label: 'Trend', sortField: 'spendChange', numeric: true,
    render: (r) => (
      <>
        <TrendArrow change={r.spendChange} current={r.spend} />
        {r.includesProvisional && <Chip size="small" variant="outlined" label="provisional" title={PROVISIONAL_NOTE} sx={{ ml: 0.5 }} />}
      </>
    ),
  },
  { id: 'credits', label: 'Credits', sortField: 'credits', numeric: true, render: (r) => formatUsd(r.credits) },
  { id: 'net', label: 'Net', sortField: 'net', numeric: true, render: (r) => formatUsd(r.net) },
  { id: 'metered', label: 'Metered', sortField: 'metered', numeric: true, render: (r) => formatUsd(r.metered) },
  { id: 'coverage', label: 'Coverage', sortField: 'coverage', numeric: true, render: (r) => formatRatio(r.coverage) },
  {
    id: 'status', label: 'Data through', sortField: 'dataCompleteThrough',
    render: (r) => (r.status === 'ERROR'
      ? <Chip size="small" color="error" label="Sync failed" title={r.lastError ?? undefined} />
      : <Typography variant="body2">{r.dataCompleteThrough ?? '—'}</Typography>),
  },
];

/** Providers: total spend, credits, net and coverage with trends, a cost chart, and one row per linked account. */
export function ProvidersTab({ filter, setFilter }: TabProps) {
  const variables = tabVariables('providers', filter, 1, ALL_ACCOUNTS);
  const { data, error, isFetching } = useOverviewQuery<{ providerDashboard: DashboardPage<ProviderRow> }>('providers', PROVIDER_DASHBOARD, variables);
  const rows = data?.providerDashboard.rows;
  const totals = rows ? providerTotals(rows) : null;
  return (
    <Box sx={{ mt: 2 }}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
        <SummaryCard title="Total spend" value={totals ? formatUsd(totals.spend) : '…'} footer={totals ? (
          <>
            <TrendArrow change={totals.spendChange} current={totals.spend} />
            {rows?.some((r) => r.includesProvisional) && <Typography variant="caption" color="text.secondary" data-testid="period-provisional"> · {PROVISIONAL_NOTE}</Typography>}
          </>
        ) : null} />
        <SummaryCard title="Credits" value={totals ? formatUsd(totals.credits) : '…'} />
        <SummaryCard title="Net" value={totals ? formatUsd(totals.net) : '…'} footer={totals ? <TrendArrow change={totals.netChange} current={totals.net} /> : null} />
        <SummaryCard title="Coverage" value={totals ? formatRatio(totals.coverage) : '…'} footer={totals ? `${formatUsd(totals.metered)} metered` : null} />
      </Stack>
      <SeriesChart filter={filter} groupBy="PROVIDER" labelFor={providerLabel} />
      <DashboardTable
        label="Providers"
        columns={COLUMNS}
        rows={rows}
        total={rows?.length ?? 0}
        rowKey={(r) => r.providerAccountId}
        sort={activeSort('providers', filter)}
        onSort={(sort) => setFilter({ ...filter, sort })}
        page={1}
        onPage={() => undefined}
        isLoading={isFetching}
        error={error}
        empty="No provider accounts match this filter. Link a provider on the Providers page to see its spend here."
      />
    </Box>
  );
}
