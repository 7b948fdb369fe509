import { Chip, Stack, Typography } from '@mui/material';
import { MODEL_INSIGHTS, type ModelInsights as Insights, type ProviderImages } from './dashboard-queries';
import { formatCount, formatUnitPrice, formatUsd } from './format';
import type { OverviewFilter } from './overview-filter';
import { toDashboardFilterInput } from './overview-url';
import { providerLabel } from './providers';
import { SummaryCard } from './SummaryCard';
import { useOverviewQuery } from './useOverviewQuery';

/** Shown for an image dimension the provider does not report (OpenAI's usage API has no quality). */
export const NOT_REPORTED = 'not reported';

/** The image mix as text: sizes (and sources), and quality only where the provider reports it. */
export function imageMixText(mix: Record<string, Record<string, number>>): string {
  const part = (dimension: string) =>
    Object.entries(mix[dimension] ?? {})
      .map(([value, n]) => `${value}: ${formatCount(n)}`)
      .join(', ');
  const lines = Object.keys(mix)
    .filter((d) => d !== 'quality')
    .map((d) => `${d}: ${part(d) || '—'}`);
  lines.push(`quality: ${mix.quality ? part('quality') : NOT_REPORTED}`);
  return lines.join(' · ');
}

/** One provider's image card: count, cost, cost per image, size mix, and quality or "not reported". */
function ImagesCard({ images }: { images: ProviderImages }) {
  const sizes = Object.entries(images.mix.size ?? {});
  const quality = images.mix.quality;
  return (
    <SummaryCard
      title={`${providerLabel(images.provider)} images`}
      value={`${formatCount(images.count)} images`}
      footer={
        <>
          <Typography variant="body2">
            {formatUsd(images.cost)} · {formatUnitPrice(images.costPerImage)} per image
          </Typography>
          <Stack direction="row" spacing={0.5} useFlexGap sx={{ mt: 0.5, flexWrap: 'wrap' }}>
            {sizes.map(([size, n]) => (
              <Chip key={size} size="small" variant="outlined" label={`${size}: ${formatCount(n)}`} title="size" />
            ))}
          </Stack>
          <Typography variant="caption" color="text.secondary" data-image-quality>
            {quality
              ? `Quality: ${Object.entries(quality)
                  .map(([q, n]) => `${q} ${formatCount(n)}`)
                  .join(', ')}`
              : `Quality (standard / HD): ${NOT_REPORTED} by ${providerLabel(images.provider)}'s usage API`}
          </Typography>
        </>
      }
    />
  );
}

/**
 * Cards over every model row the filter matches (computed by the API, not from one page of the
 * table): the Most Efficient Model and each provider's image figures.
 */
export function ModelInsights({ filter }: { filter: OverviewFilter }) {
  const variables = { filter: toDashboardFilterInput({ ...filter, sort: null }) };
  const { data } = useOverviewQuery<{ modelInsights: Insights }>('model-insights', MODEL_INSIGHTS, variables);
  if (!data) return null;
  const best = data.modelInsights.mostEfficientTokenModel;
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
      {best ? (
        <SummaryCard
          title="Most Efficient Model"
          value={best.model}
          footer={`${providerLabel(best.provider)} · ${formatUnitPrice(best.costPerMillionTokens)} per 1M tokens`}
        />
      ) : null}
      {data.modelInsights.images.map((images) => (
        <ImagesCard key={images.provider} images={images} />
      ))}
    </Stack>
  );
}
