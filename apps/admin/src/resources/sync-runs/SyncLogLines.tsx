import { Alert, Box, Chip, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import type { SyncLogLine } from '../../data-provider/records';
import { formatDateTime } from '../../format';
import { useSyncLogLines } from './useSyncLogLines';

const LEVEL_COLORS: Record<SyncLogLine['level'], 'default' | 'info' | 'warning' | 'error'> = {
  DEBUG: 'default',
  INFO: 'info',
  WARN: 'warning',
  ERROR: 'error',
};

/** A run's log, newest at the bottom; while `live`, lines arrive as they are written. */
export function SyncLogLines({ runId, live }: { runId: string; live: boolean }) {
  const { data: lines, isPending, error } = useSyncLogLines(runId, live);
  const end = useRef<HTMLLIElement>(null);
  const count = lines?.length ?? 0;
  useEffect(() => {
    if (live && count > 0) end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [live, count]);
  if (error) return <Alert severity="error">The log could not be read: {error.message}</Alert>;
  if (isPending)
    return (
      <Typography variant="body2" color="text.secondary">
        Loading the log…
      </Typography>
    );
  if (count === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        No log lines yet.
      </Typography>
    );
  return (
    <Box
      component="ol"
      data-testid="sync-log"
      data-live={live}
      sx={{
        listStyle: 'none',
        m: 0,
        p: 1,
        maxHeight: 420,
        overflow: 'auto',
        bgcolor: 'grey.50',
        borderRadius: 1,
        fontFamily: 'monospace',
        fontSize: 13,
      }}>
      {lines!.map((line, index) => (
        <Box
          component="li"
          key={line.id}
          ref={index === count - 1 ? end : undefined}
          data-level={line.level}
          sx={{ display: 'flex', gap: 1, alignItems: 'baseline', py: 0.25 }}>
          <Typography component="span" variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(line.at)}
          </Typography>
          <Chip
            component="span"
            size="small"
            variant="outlined"
            color={LEVEL_COLORS[line.level]}
            label={line.level}
            sx={{ height: 18, fontSize: 10 }}
          />
          <Typography component="span" variant="body2" sx={{ fontFamily: 'inherit', wordBreak: 'break-word' }}>
            {line.message}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
