import { Box, LinearProgress, Typography } from '@mui/material';
import type { SyncProgress } from '../../data-provider/records';
import { describePhase, progressPercent } from './sync-phase';

/**
 * The live progress of a running sync: a bar over the days of its window and what it is doing,
 * from the subscription's latest event. Without an event yet (just queued) the bar is indeterminate.
 */
export function SyncProgressBar({
  progress,
  compact = false,
}: {
  progress: SyncProgress | undefined;
  compact?: boolean;
}) {
  const percent = progress ? progressPercent(progress) : null;
  const counts = progress
    ? `${progress.daysDone} of ${progress.daysTotal} days · ${progress.recordsSoFar.toLocaleString('en-US')} records · ${progress.workspaces} workspaces · ${progress.apiKeys} keys`
    : 'Waiting for the first progress event…';
  return (
    <Box data-testid="sync-progress" data-phase={progress?.phase ?? 'PENDING'} sx={{ minWidth: compact ? 160 : 320 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
        <Typography variant={compact ? 'caption' : 'body2'}>
          {progress ? describePhase(progress) : 'Starting'}
        </Typography>
        {percent === null ? null : (
          <Typography variant={compact ? 'caption' : 'body2'} data-testid="sync-percent">
            {percent}%
          </Typography>
        )}
      </Box>
      <LinearProgress
        aria-label="Sync progress"
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        sx={{ my: 0.5, height: compact ? 4 : 8, borderRadius: 4 }}
      />
      {compact ? null : (
        <Typography variant="caption" color="text.secondary" data-testid="sync-counts">
          {counts}
        </Typography>
      )}
    </Box>
  );
}
