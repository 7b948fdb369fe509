import { Alert, Box, LinearProgress, Stack, Typography } from '@mui/material';
import { Suspense, lazy } from 'react';
import { formatUsd, previousDay } from '../../format';
import type { CreditRunway } from './runway-documents';
import { runwayFlags, runwayLabel, runwayRange } from './runway-view';

// recharts loads only when a runway is opened.
const RunwayChart = lazy(() => import('./RunwayChart').then((m) => ({ default: m.RunwayChart })));

/** One runway: what is left, when it runs out (with the range), the flags, and the chart. */
export function RunwayDetails({ runway }: { runway: CreditRunway }) {
  const range = runwayRange(runway);
  return (
    <Box data-testid="runway-details" sx={{ mb: 3 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {runway.kind === 'GRANT' ? `Grant "${runway.name}"` : 'Provider balance'}: {formatUsd(runway.remaining)} left on{' '}
        {runway.asOf}
      </Typography>
      <Stack spacing={0.5} sx={{ my: 1 }}>
        <Typography variant="body2" data-testid="runway-summary">
          Runs out: {runwayLabel(runway)}
          {range ? `; ${range} at the fastest and slowest weeks' rates` : ''}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Burn {formatUsd(runway.dailyBurn)} a day on average over {runway.basisDays} settled days
          {runway.windowStart && runway.windowEnd ? ` (${runway.windowStart} to ${previousDay(runway.windowEnd)})` : ''}
          {runway.kind === 'GRANT' ? ', from the credits applied' : ', from the usage'}.
        </Typography>
        {runwayFlags(runway).map((flag) => (
          <Alert key={flag} severity="warning" sx={{ py: 0 }} data-testid="runway-flag">
            {flag}
          </Alert>
        ))}
      </Stack>
      <Suspense fallback={<LinearProgress />}>
        <RunwayChart runway={runway} />
      </Suspense>
    </Box>
  );
}
