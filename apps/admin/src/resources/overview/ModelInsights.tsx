import { Chip, Stack, Typography } from '@mui/material';
import { MODEL_INSIGHTS, type DashboardPage, type ModelRow } from './dashboard-queries';
import { divideDecimals, sumDecimals } from './decimal';
import { formatCount, formatUnitPrice, formatUsd } from './format';
import type { OverviewFilter } from './overview-filter';
import { toDashboardFilterInput } from './overview-url';
import { providerLabel } from './providers';
import { SummaryCard } from './SummaryCard';
import { useOverviewQuery } from './useOverviewQuery';

/** The fields of a model row the insight cards read. */
export type InsightRow = Pick<ModelRow, 'modelId' | 'provider' | 'model' | 'unit' | 'cost' | 'costPerMillionTokens' | 'isMostEfficient' | 'images'>;

/** OpenAI's image figures over the period: count, cost, cost per image, and the size/quality mix. */
export function openAiImageMetrics(rows: readonly InsightRow[]) {
  const images = rows.filter((r) => r.provider === 'OPENAI' && r.images);
  if (images.length === 0) return null;
  const count = sumDecimals(images.map((r) => r.images!.count));
  const cost = sumDecimals(images.map((r) => r.images!.cost));
  const mix: Record<string, Record<string, number>> = {};
  for (const row of images) {
    for (const [dimension, counts] of Object.entries(row.images!.mix)) {
      const target = (mix[dimension] ??= {});
      for (const [value, n] of Object.entries(counts)) target[value] = (target[value] ?? 0) + n;
    }
  }
  return { count, cost, costPerImage: divideDecimals(cost, count, 6), mix };
}

/** The token model flagged most efficient (lowest cost per 1M tokens), if any. */
export function mostEfficientTokenModel(rows: readonly InsightRow[]): InsightRow | null {
  return rows.find((r) => r.isMostEfficient && r.unit === null) ?? null;
}

/** Cards over all the filter's models: the Most Efficient Model and OpenAI's image metrics. */
export function ModelInsights({ filter }: { filter: OverviewFilter }) {
  const variables = { filter: toDashboardFilterInput({ ...filter, sort: null }, { limit: 500 }) };
  const { data } = useOverviewQuery<{ modelDashboard: DashboardPage<InsightRow> }>('model-insights', MODEL_INSIGHTS, variables);
  if (!data) return null;
  const best = mostEfficientTokenModel(data.modelDashboard.rows);
  const images = openAiImageMetrics(data.modelDashboard.rows);
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
      {best ? (
        <SummaryCard title="Most Efficient Model" value={best.model}
          footer={`${providerLabel(best.provider)} · ${formatUnitPrice(best.costPerMillionTokens)} per 1M tokens`} />
      ) : null}
      {images ? (
        <SummaryCard title="OpenAI images" value={`${formatCount(Number(images.count))} images`}
          footer={(
            <>
              <Typography variant="body2">{formatUsd(images.cost)} · {formatUnitPrice(images.costPerImage)} per image</Typography>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ mt: 0.5, flexWrap: 'wrap' }}>
                {Object.entries(images.mix).flatMap(([dimension, counts]) => Object.entries(counts).map(([value, n]) => (
                  <Chip key={`${dimension}:${value}`} size="small" variant="outlined" label={`${value}: ${formatCount(n)}`} title={dimension} />
                )))}
              </Stack>
            </>
          )} />
      ) : null}
    </Stack>
  );
}
