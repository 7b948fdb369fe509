import { Box, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A headline figure with a caption and an optional trend or note under it. */
export function SummaryCard({ title, value, footer }: { title: string; value: ReactNode; footer?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 170, flex: '1 1 0' }} data-summary={title}>
      <Typography variant="caption" color="text.secondary">
        {title}
      </Typography>
      <Typography variant="h6" component="div" data-value>
        {value}
      </Typography>
      {footer ? <Box sx={{ fontSize: 13 }}>{footer}</Box> : null}
    </Paper>
  );
}
