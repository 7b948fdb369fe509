import { Box, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { ComparisonNote } from './ComparisonNote';
import { PROVISIONAL_NOTE, ProvisionalChip } from './ProvisionalChip';
import { AttentionChip } from '../provider-accounts/AttentionChip';
import { BudgetBadge } from '../budgets/BudgetBadge';
import { DashboardTable, type Column } from './DashboardTable';
import { AdjustmentsCell, BilledCell } from './ProviderAdjustments';
import { PROVIDER_DASHBOARD, type ProviderPage, type ProviderRow, type UnattributedMetered } from './dashboard-queries';
import { CreditMoney, NotCaptured } from './NotCaptured';
import { divideDecimals, percentChange, sumDecimals } from './decimal';
import { formatRatio, formatUsd } from './format';
import { providerLabel } from './providers';
import { SeriesChart } from './SeriesChart';
import { SummaryCard } from './SummaryCard';
import { activeSort, providersTabVariables } from './tab-query';
import type { TabProps } from './tab-props';
import { TrendArrow } from './TrendArrow';
import { RunwayCell } from '../runway/RunwayCell';
import { useOverviewQuery } from './useOverviewQuery';

const ReconciliationDialog = lazy(() =>
  import('./ReconciliationDialog').then((m) => ({ default: m.ReconciliationDialog })),
);

/** The coverage figure, a button opening the reconciliation breakdown (why billed and metered differ). */
function CoverageButton({ coverage, onClick }: { coverage: string | null; onClick(): void }) {
  return (
    <Button
      variant="text"
      sx={{ p: 0, minWidth: 0, font: 'inherit', textTransform: 'none' }}
      onClick={onClick}
      title="Why billed and metered differ"
      data-testid="open-reconciliation">
      {formatRatio(coverage)}
    </Button>
  );
}

/** The sum of a nullable column: null when any row is unknown (a partial sum would pass for a whole one). */
function sumKnown(values: readonly (string | null)[]): string | null {
  return values.some((v) => v === null) ? null : sumDecimals(values as string[]);
}

/**
 * Exact totals over the accounts: spend, credits, net, metered, coverage and their trends.
 * Credits sum the accounts whose provider reports them (`creditsNotCaptured` lists the others;
 * null when none does);
 * net is known only when every account's credits are. Metered includes reports that matched no
 * key (`unattributed`): they count for the organization, not for any account.
 */
export function providerTotals(rows: readonly ProviderRow[], unattributed: readonly UnattributedMetered[] = []) {
  const sum = (pick: (r: ProviderRow) => string) => sumDecimals(rows.map(pick));
  const known = rows.flatMap((r) => (r.credits === null ? [] : [r.credits]));
  const [spend, previousSpend] = [sum((r) => r.spend), sum((r) => r.previousSpend)];
  const [net, previousNet] = [sumKnown(rows.map((r) => r.net)), sumKnown(rows.map((r) => r.previousNet))];
  const unattributedMetered = sumDecimals(unattributed.map((u) => u.metered));
  const metered = sumDecimals([sum((r) => r.metered), unattributedMetered]);
  return {
    spend,
    spendChange: percentChange(spend, previousSpend),
    credits: known.length === 0 && rows.length > 0 ? null : sumDecimals(known),
    creditsNotCaptured: [...new Set(rows.filter((r) => r.credits === null).map((r) => r.provider))],
    net,
    netChange: net === null || previousNet === null ? null : percentChange(net, previousNet),
    metered,
    unattributedMetered,
    coverage: divideDecimals(metered, spend, 4),
  };
}

const COLUMNS: readonly Column<ProviderRow>[] = [
  {
    id: 'label',
    label: 'Account',
    sortField: 'label',
    render: (r) => (
      <>
        {r.label}
        <BudgetBadge account={{ id: r.providerAccountId, provider: r.provider }} />
      </>
    ),
  },
  { id: 'provider', label: 'Provider', sortField: 'provider', render: (r) => providerLabel(r.provider) },
  { id: 'spend', label: 'Spend', sortField: 'spend', numeric: true, render: (r) => formatUsd(r.spend) },
  {
    id: 'trend',
    label: 'Trend',
    sortField: 'spendChange',
    numeric: true,
    render: (r) => (
      <>
        <TrendArrow change={r.spendChange} current={r.spend} />
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
  { id: 'adjustments', label: 'Discounts / refunds', numeric: true, render: (r) => <AdjustmentsCell row={r} /> },
  {
    id: 'net',
    label: 'Net',
    sortField: 'net',
    numeric: true,
    render: (r) => <CreditMoney value={r.net} providers={[r.provider]} />,
  },
  { id: 'billed', label: 'Billed in', numeric: true, render: (r) => <BilledCell row={r} /> },
  { id: 'metered', label: 'Metered', sortField: 'metered', numeric: true, render: (r) => formatUsd(r.metered) },
  { id: 'coverage', label: 'Coverage', sortField: 'coverage', numeric: true, render: (r) => formatRatio(r.coverage) },
  {
    id: 'runway',
    label: 'Runway',
    render: (r) => <RunwayCell providerAccountId={r.providerAccountId} label={r.label} />,
  },
  {
    id: 'status',
    label: 'Data through',
    sortField: 'dataCompleteThrough',
    render: (r) =>
      r.status === 'ERROR' ? (
        <Chip size="small" color="error" label="Sync failed" title={r.lastError ?? undefined} />
      ) : (
        <Stack spacing={0.5}>
          <Typography variant="body2">{r.dataCompleteThrough ?? '—'}</Typography>
          {r.status === 'DISCONNECTED' ? null : <AttentionChip attention={r.attention} />}
        </Stack>
      ),
  },
];

/** The Credits card's footer: which providers' credits are not in the sum. */
function CreditsFooter({ providers }: { providers: readonly string[] }) {
  if (providers.length === 0) return null;
  return (
    <Box component="span" data-credits-not-captured>
      Not captured for <NotCaptured providers={providers} />: {providers.map(providerLabel).join(', ')}
    </Box>
  );
}

/** The Coverage card's footer: metered spend, and how much of it matched no key. */
function CoverageFooter({
  totals,
  unattributed,
}: {
  totals: ReturnType<typeof providerTotals>;
  unattributed: readonly UnattributedMetered[];
}) {
  if (unattributed.length === 0) return <>{formatUsd(totals.metered)} metered</>;
  const detail = unattributed.map((u) => `${providerLabel(u.provider)} ${formatUsd(u.metered)}`).join(', ');
  return (
    <Tooltip
      title={`Reports that matched no synced API key (${detail}) belong to no account, so no account's coverage counts them; the total does.`}>
      <span data-unattributed-metered>
        {formatUsd(totals.metered)} metered, {formatUsd(totals.unattributedMetered)} not tied to a key
      </span>
    </Tooltip>
  );
}

/** Providers: total spend, credits, net and coverage with trends, a cost chart, and one row per linked account. */
export function ProvidersTab({ filter, setFilter }: TabProps) {
  const variables = providersTabVariables(filter);
  const { data, error, isFetching } = useOverviewQuery<{ providerDashboard: ProviderPage }>(
    'providers',
    PROVIDER_DASHBOARD,
    variables,
  );
  const rows = data?.providerDashboard.rows;
  const unattributed = data?.providerDashboard.unattributedMetered ?? [];
  const totals = rows ? providerTotals(rows, unattributed) : null;
  const [reconciling, setReconciling] = useState(false);
  return (
    <Box sx={{ mt: 2 }}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
        <SummaryCard
          title="Total spend"
          value={totals ? formatUsd(totals.spend) : '…'}
          footer={
            totals ? (
              <>
                <TrendArrow change={totals.spendChange} current={totals.spend} />
                {rows?.some((r) => r.includesProvisional) && (
                  <Typography variant="caption" color="text.secondary" data-testid="period-provisional">
                    {' '}
                    · {PROVISIONAL_NOTE}
                  </Typography>
                )}
              </>
            ) : null
          }
        />
        <SummaryCard
          title="Credits"
          value={totals ? <CreditMoney value={totals.credits} providers={totals.creditsNotCaptured} /> : '…'}
          footer={totals?.credits ? <CreditsFooter providers={totals.creditsNotCaptured} /> : null}
        />
        <SummaryCard
          title="Net"
          value={totals ? <CreditMoney value={totals.net} providers={totals.creditsNotCaptured} /> : '…'}
          footer={totals?.net ? <TrendArrow change={totals.netChange} current={totals.net} /> : null}
        />
        <SummaryCard
          title="Coverage"
          value={totals ? <CoverageButton coverage={totals.coverage} onClick={() => setReconciling(true)} /> : '…'}
          footer={totals ? <CoverageFooter totals={totals} unattributed={unattributed} /> : null}
        />
      </Stack>
      {reconciling ? (
        <Suspense fallback={null}>
          <ReconciliationDialog filter={filter} onClose={() => setReconciling(false)} />
        </Suspense>
      ) : null}
      <ComparisonNote period={data?.providerDashboard.period} />
      <SeriesChart
        filter={filter}
        groupBy="PROVIDER"
        labelFor={providerLabel}
        ready={rows !== undefined || error !== null}
      />
      <DashboardTable
        label="Providers"
        columns={COLUMNS}
        rows={rows}
        total={rows?.length ?? 0}
        rowKey={(r) => r.providerAccountId}
        sort={activeSort('providers', filter)}
        onSort={(sort) => setFilter({ sort })}
        page={1}
        onPage={() => undefined}
        isLoading={isFetching}
        error={error}
        empty="No provider accounts match this filter. Link a provider on the Integrations page to see its spend here."
      />
    </Box>
  );
}
