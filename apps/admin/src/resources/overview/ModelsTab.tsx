import { Box, Chip, Tooltip } from '@mui/material';
import { DashboardTable, type Column } from './DashboardTable';
import { MODEL_DASHBOARD, type DashboardPage, type ModelRow } from './dashboard-queries';
import { NOT_AVAILABLE, formatCount, formatNumber, formatUnitPrice, formatUsd } from './format';
import { ComparisonNote } from './ComparisonNote';
import { ProvisionalChip } from './ProvisionalChip';
import { ModelInsights, imageMixText } from './ModelInsights';
import { CreditMoney } from './NotCaptured';
import { providerLabel } from './providers';
import { activeSort, tabVariables } from './tab-query';
import type { TabProps } from './tab-props';
import { TrendArrow } from './TrendArrow';
import { useOverviewQuery } from './useOverviewQuery';
import { AnomalyBadge } from '../anomalies/AnomalyBadge';
import { BudgetBadge } from '../budgets/BudgetBadge';

const NO_REQUESTS = 'This provider does not report request counts';

/** Requests, or N/A (with the reason) where the provider gives no request counts. */
function Requests({ value }: { value: string | null }) {
  if (value !== null) return <>{formatCount(value)}</>;
  return (
    <Tooltip title={NO_REQUESTS}>
      <span>{NOT_AVAILABLE}</span>
    </Tooltip>
  );
}

/** Cost efficiency: per 1M tokens for token rows, per unit (image, second, credit…) for the others. */
export function efficiencyText(row: ModelRow): string {
  if (row.unit === null)
    return row.costPerMillionTokens === null ? '—' : `${formatUnitPrice(row.costPerMillionTokens)} / 1M tokens`;
  const unit = row.unit.replace(/s$/, '');
  return row.costPerUnit === null ? '—' : `${formatUnitPrice(row.costPerUnit)} / ${unit}`;
}

/** Average tokens per request: N/A where requests are unknown, "—" with no requests. */
export function averageTokensText(row: ModelRow): string {
  if (row.requests === null) return NOT_AVAILABLE;
  return row.averageTokensPerRequest === null ? '—' : formatNumber(row.averageTokensPerRequest, 0);
}

const COLUMNS: readonly Column<ModelRow>[] = [
  {
    id: 'model',
    label: 'Model',
    sortField: 'model',
    render: (r) => (
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        {r.model}
        {r.isMostEfficient ? (
          <Chip size="small" color="success" label="Most Efficient Model" data-badge="most-efficient" />
        ) : null}
        <AnomalyBadge level="MODEL" provider={r.provider} seriesKey={r.model} />
        <BudgetBadge model={r.model} />
      </Box>
    ),
  },
  { id: 'provider', label: 'Provider', sortField: 'provider', render: (r) => providerLabel(r.provider) },
  { id: 'unit', label: 'Unit', sortField: 'unit', render: (r) => r.unit ?? 'tokens' },
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
    id: 'input',
    label: 'Input tokens',
    sortField: 'inputTokens',
    numeric: true,
    render: (r) => (r.inputTokens === null ? '—' : formatCount(r.inputTokens)),
  },
  {
    id: 'output',
    label: 'Output tokens',
    sortField: 'outputTokens',
    numeric: true,
    render: (r) => (r.outputTokens === null ? '—' : formatCount(r.outputTokens)),
  },
  {
    id: 'requests',
    label: 'Requests',
    sortField: 'requests',
    numeric: true,
    render: (r) => <Requests value={r.requests} />,
  },
  {
    id: 'avg',
    label: 'Avg Tokens/Req',
    sortField: 'averageTokensPerRequest',
    numeric: true,
    render: averageTokensText,
  },
  {
    id: 'efficiency',
    label: 'Cost per 1M tokens / unit',
    sortField: 'costPerMillionTokens',
    numeric: true,
    render: efficiencyText,
  },
  {
    id: 'images',
    label: 'Images',
    numeric: true,
    render: (r) =>
      r.images ? (
        <Tooltip title={imageMixText(r.images.mix)}>
          <span>
            {formatCount(r.images.count)} · {formatUnitPrice(r.images.costPerImage)} each
          </span>
        </Tooltip>
      ) : (
        ''
      ),
  },
];

/** Models: cost, tokens and efficiency per model, the Most Efficient Model, and OpenAI's image figures. */
export function ModelsTab({ filter, setFilter, page, setPage }: TabProps) {
  const { data, error, isFetching } = useOverviewQuery<{ modelDashboard: DashboardPage<ModelRow> }>(
    'models',
    MODEL_DASHBOARD,
    tabVariables('models', filter, page),
  );
  return (
    <Box sx={{ mt: 2 }}>
      <ModelInsights filter={filter} />
      <ComparisonNote
        period={data?.modelDashboard.period}
        provisional={data?.modelDashboard.rows.some((r) => r.includesProvisional)}
      />
      <DashboardTable
        label="Models"
        columns={COLUMNS}
        rows={data?.modelDashboard.rows}
        total={data?.modelDashboard.total ?? 0}
        rowKey={(r) => `${r.modelId}|${r.unit ?? ''}`}
        sort={activeSort('models', filter)}
        onSort={(sort) => setFilter({ sort })}
        page={page}
        onPage={setPage}
        isLoading={isFetching}
        error={error}
        empty="No model spend matches this filter."
      />
    </Box>
  );
}
