import { Checkbox, ListItemText, MenuItem, TextField } from '@mui/material';
import { useBudgetsQuery } from './useBudgetsApi';

type Option = { value: string; label: string };
type Accounts = { providerAccounts: { id: string; label: string }[] };
type Keys = { apiKeys: { id: string; hint: string | null; name: string | null }[] };
type Models = { models: { id: string; name: string }[] };

/** Where a picker's options come from: the organization's accounts, API keys or models. */
const SOURCES: Record<'accountIds' | 'apiKeyIds' | 'models', { document: string; read(data: unknown): Option[] }> = {
  accountIds: {
    document: 'query BudgetScopeAccounts { providerAccounts { id label } }',
    read: (d) => (d as Accounts).providerAccounts.map((a) => ({ value: a.id, label: a.label })),
  },
  apiKeyIds: {
    document: 'query BudgetScopeKeys { apiKeys { id hint name } }',
    read: (d) =>
      (d as Keys).apiKeys.map((k) => ({
        value: k.id,
        label: k.name ? `${k.name} (${k.hint ?? '…'})` : (k.hint ?? k.id),
      })),
  },
  models: {
    document: 'query BudgetScopeModels { models { id name } }',
    read: (d) => [...new Set((d as Models).models.map((m) => m.name))].map((name) => ({ value: name, label: name })),
  },
};

/** A multi-select of accounts, API keys or models for a budget's scope (empty: any). */
export function ScopePicker({
  kind,
  label,
  value,
  onChange,
  error,
}: {
  kind: keyof typeof SOURCES;
  label: string;
  value: string[];
  onChange(value: string[]): void;
  error?: string;
}) {
  const source = SOURCES[kind];
  const { data } = useBudgetsQuery<unknown>(`scope-${kind}`, source.document);
  const options = data ? source.read(data) : [];
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <TextField
      fullWidth={false}
      margin="none"
      size="small"
      select
      label={label}
      sx={{ minWidth: 170 }}
      value={value}
      error={Boolean(error)}
      helperText={error ?? ' '}
      slotProps={{
        select: {
          multiple: true,
          displayEmpty: true,
          renderValue: (v) =>
            (v as string[]).length === 0 ? 'Any' : (v as string[]).map((x) => labels.get(x) ?? x).join(', '),
        },
        inputLabel: { shrink: true },
      }}
      onChange={(e) => {
        const next = e.target.value as unknown as string[] | string;
        onChange(typeof next === 'string' ? next.split(',') : next);
      }}>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          <Checkbox size="small" checked={value.includes(o.value)} />
          <ListItemText primary={o.label} />
        </MenuItem>
      ))}
    </TextField>
  );
}
