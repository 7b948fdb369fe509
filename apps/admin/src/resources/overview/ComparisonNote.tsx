import { Typography } from '@mui/material';
import type { DashboardPeriod } from './dashboard-queries';
import { addDays } from './overview-filter';

/** The sentence under a tab saying what its trends compare with, from the page's `period`. */
export function comparisonText(period: DashboardPeriod): string {
  const range = `${period.previousStart} – ${addDays(period.previousEnd, -1)}`;
  const days = Math.round((Date.parse(period.end) - Date.parse(period.start)) / 86_400_000);
  return period.comparison === 'CALENDAR'
    ? `Trends compare ${period.start} – ${addDays(period.end, -1)} with ${range}: the previous calendar period (to-date periods up to the same date).`
    : `Trends compare ${period.start} – ${addDays(period.end, -1)} with ${range}: the ${days} days just before.`;
}

/**
 * Says which comparison the tab's trends use (previous calendar period or equal length), and
 * when the current period includes provisional days (`provisional`).
 */
export function ComparisonNote({
  period,
  provisional = false,
}: {
  period: DashboardPeriod | undefined;
  provisional?: boolean;
}) {
  if (!period) return null;
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      data-comparison={period.comparison}
      sx={{ mb: 1 }}>
      {comparisonText(period)}
      {provisional && (
        <span data-testid="period-provisional">
          {' '}
          The current period includes provisional days: the provider may still revise them.
        </span>
      )}
    </Typography>
  );
}
