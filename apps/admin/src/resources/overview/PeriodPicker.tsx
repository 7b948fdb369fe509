import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  PERIOD_PRESETS,
  PRESET_LABELS,
  addDays,
  validateCustomRange,
  type OverviewPeriod,
  type PeriodPreset,
} from './overview-filter';

const CUSTOM = 'custom';

/** Today as a UTC day, the calendar the API counts periods in. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Props of {@link PeriodPicker}. */
export type PeriodPickerProps = { period: OverviewPeriod; onChange(period: OverviewPeriod): void; today?: string };

/**
 * A preset menu plus "Custom range…" with From / To date pickers (both days included; the
 * URL and API take `end` as the day after). A custom range applies only once it is valid.
 */
export function PeriodPicker({ period, onChange, today = utcToday() }: PeriodPickerProps) {
  const isCustom = !('preset' in period);
  const [mode, setMode] = useState<string>(isCustom ? CUSTOM : period.preset);
  const [from, setFrom] = useState(isCustom ? period.start : '');
  const [to, setTo] = useState(isCustom ? addDays(period.end, -1) : '');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if ('preset' in period) {
      setMode(period.preset);
    } else {
      setMode(CUSTOM);
      setFrom(period.start);
      setTo(addDays(period.end, -1));
    }
  }, [period]);
  const problem = touched ? validateCustomRange(from, to, today) : null;
  const choose = (value: string) => {
    setMode(value);
    if (value !== CUSTOM) onChange({ preset: value as PeriodPreset });
  };
  const apply = () => {
    setTouched(true);
    if (!validateCustomRange(from, to, today)) onChange({ start: from, end: addDays(to, 1) });
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        fullWidth={false}
        margin="none"
        select
        size="small"
        label="Period"
        value={mode}
        onChange={(e) => choose(e.target.value)}
        sx={{ minWidth: 150 }}
        slotProps={{ htmlInput: { 'data-testid': 'period-select' } }}>
        {PERIOD_PRESETS.map((preset) => (
          <MenuItem key={preset} value={preset}>
            {PRESET_LABELS[preset]}
          </MenuItem>
        ))}
        <MenuItem value={CUSTOM}>Custom range…</MenuItem>
      </TextField>
      {mode === CUSTOM ? (
        <>
          <TextField
            fullWidth={false}
            margin="none"
            type="date"
            size="small"
            label="From"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={problem?.field === 'from'}
            helperText={problem?.field === 'from' ? problem.message : ' '}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'aria-label': 'From' } }}
          />
          <TextField
            fullWidth={false}
            margin="none"
            type="date"
            size="small"
            label="To"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={problem?.field === 'to'}
            helperText={problem?.field === 'to' ? problem.message : ' '}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'aria-label': 'To' } }}
          />
          <Button size="small" variant="contained" onClick={apply} sx={{ mt: 0.5 }}>
            Apply
          </Button>
        </>
      ) : null}
    </Stack>
  );
}
