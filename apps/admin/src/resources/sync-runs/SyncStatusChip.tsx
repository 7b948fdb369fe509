import { Chip } from '@mui/material';
import type { SyncRunStatus } from '../../data-provider/records';
import { STATUS_COLORS, STATUS_LABELS } from './sync-phase';

/** A run's status as a coloured chip. */
export function SyncStatusChip({ status, size = 'small' }: { status: SyncRunStatus; size?: 'small' | 'medium' }) {
  return (
    <Chip
      size={size}
      color={STATUS_COLORS[status]}
      label={STATUS_LABELS[status]}
      data-testid="sync-status"
      data-status={status}
    />
  );
}
