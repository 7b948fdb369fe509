import { Box, Tooltip } from '@mui/material';

/** The bar's colour for the highest threshold reached: none green, below 100 % amber, 100 % and up red. */
export function progressColor(highestPercentReached: number | null): string {
  if (highestPercentReached === null) return '#2e7d32';
  return highestPercentReached >= 100 ? '#c62828' : '#ed6c02';
}

/**
 * Spent as a bar (capped at the track's end) with a marker where the forecast lands; the
 * colour says which threshold has been reached.
 */
export function BudgetProgress({
  percent,
  forecastPercent,
  highestPercentReached,
  label,
}: {
  percent: string;
  forecastPercent: string | null;
  highestPercentReached: number | null;
  label: string;
}) {
  const width = Math.min(100, Math.max(0, Number(percent)));
  const marker = forecastPercent === null ? null : Math.min(100, Math.max(0, Number(forecastPercent)));
  return (
    <Box
      role="progressbar"
      aria-label={label}
      aria-valuenow={Math.round(Number(percent))}
      aria-valuemin={0}
      aria-valuemax={100}
      data-color={progressColor(highestPercentReached)}
      sx={{ position: 'relative', height: 10, minWidth: 160, bgcolor: 'grey.200', borderRadius: 5 }}>
      <Box
        sx={{ width: `${width}%`, height: '100%', bgcolor: progressColor(highestPercentReached), borderRadius: 5 }}
      />
      {marker === null ? null : (
        <Tooltip title={`Forecast ${Number(forecastPercent).toFixed(0)} %`}>
          <Box
            data-testid="forecast-marker"
            sx={{
              position: 'absolute',
              top: -3,
              left: `calc(${marker}% - 1px)`,
              width: 2,
              height: 16,
              bgcolor: 'text.primary',
            }}
          />
        </Tooltip>
      )}
    </Box>
  );
}
