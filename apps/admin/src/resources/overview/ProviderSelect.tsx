import { Checkbox, ListItemText, MenuItem, TextField } from '@mui/material';
import { PROVIDER_IDS, PROVIDER_LABELS, isProviderId, type ProviderId } from './providers';

/**
 * The Overview's provider filter widget (a multi-select, empty = all providers); the budget
 * form's scope picker reuses it so a budget's scope is chosen the way the Overview filters.
 */
export function ProviderSelect({
  value,
  onChange,
  label = 'Provider',
  error,
  testId = 'provider-select',
}: {
  value: readonly ProviderId[];
  onChange(providers: ProviderId[]): void;
  label?: string;
  error?: string;
  testId?: string;
}) {
  return (
    <TextField
      fullWidth={false}
      margin="none"
      select
      size="small"
      label={label}
      sx={{ minWidth: 170 }}
      value={value}
      error={Boolean(error)}
      {...(error !== undefined ? { helperText: error || ' ' } : {})}
      slotProps={{
        select: {
          multiple: true,
          displayEmpty: true,
          renderValue: (selected) => {
            const ids = selected as string[];
            return ids.length === 0
              ? 'All providers'
              : ids.map((id) => (isProviderId(id) ? PROVIDER_LABELS[id] : id)).join(', ');
          },
        },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': testId },
      }}
      onChange={(e) => {
        const next = e.target.value as unknown as string[] | string;
        onChange((typeof next === 'string' ? next.split(',') : next).filter(isProviderId));
      }}>
      {PROVIDER_IDS.map((id) => (
        <MenuItem key={id} value={id}>
          <Checkbox size="small" checked={value.includes(id)} />
          <ListItemText primary={PROVIDER_LABELS[id]} />
        </MenuItem>
      ))}
    </TextField>
  );
}
