import { Box } from '@mui/material';
import { compareDecimals } from './decimal';
import { formatChange } from './format';

/** Props of {@link TrendArrow}. */
export type TrendArrowProps = {
  /** Percent change from the previous period (Decimal text); null when there was nothing before. */
  change: string | null;
  /** The figure now, to tell "new" (something from nothing) from "no spend either time". */
  current?: string;
};

/**
 * The trend of a cost against the previous period: ↑ red when cost went up, ↓ green when it
 * went down (for costs, up is the bad news), "new" when there was nothing before.
 */
export function TrendArrow({ change, current }: TrendArrowProps) {
  if (change === null) {
    if (current !== undefined && compareDecimals(current, '0') > 0) {
      return (
        <Box component="span" sx={{ color: 'text.secondary' }} data-trend="new">
          new
        </Box>
      );
    }
    return (
      <Box component="span" sx={{ color: 'text.disabled' }} data-trend="none">
        —
      </Box>
    );
  }
  const direction = compareDecimals(change, '0');
  const text = formatChange(change);
  if (direction === 0)
    return (
      <Box component="span" sx={{ color: 'text.secondary' }} data-trend="flat">
        → {text}
      </Box>
    );
  const up = direction > 0;
  return (
    <Box
      component="span"
      sx={{ color: up ? 'error.main' : 'success.main', whiteSpace: 'nowrap', fontWeight: 500 }}
      data-trend={up ? 'up' : 'down'}
      title={`${up ? 'Up' : 'Down'} ${text} on the previous period`}>
      {up ? '↑' : '↓'} {text}
    </Box>
  );
}
