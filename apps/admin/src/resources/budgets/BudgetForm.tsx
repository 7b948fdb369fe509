import { Alert, Box, Button, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import type { ApiRequestError } from '../../data-provider/errors';
import { ProviderSelect } from '../overview/ProviderSelect';
import { isProviderId, type ProviderId } from '../overview/providers';
import { CREATE_BUDGET, UPDATE_BUDGET, type BudgetRow } from './budget-documents';
import { ScopePicker } from './ScopePicker';
import { useBudgetsMutation } from './useBudgetsApi';

const DEFAULT_THRESHOLDS = '80 actual, 100 actual, 100 forecast';

/** `"80 actual, 100 forecast"` → thresholds (the API checks the ranges). */
export function parseThresholds(text: string): { percent: number; kind: 'ACTUAL' | 'FORECAST' }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [percent, kind] = part.split(/\s+/);
      return { percent: Number(percent), kind: kind?.toLowerCase() === 'forecast' ? 'FORECAST' : 'ACTUAL' };
    });
}

/**
 * Creating or editing a budget: name, amount, period, measure, thresholds and a scope picked with
 * the Overview's provider list, workspace names, and the organization's accounts, API keys and
 * models. The API's field errors show beside their fields.
 */
export function BudgetForm({ budget, onDone }: { budget?: BudgetRow; onDone(): void }) {
  const [name, setName] = useState(budget?.name ?? '');
  const [amount, setAmount] = useState(budget?.amount ?? '');
  const [periodKind, setPeriodKind] = useState(budget?.periodKind ?? 'MONTH');
  const [start, setStart] = useState(budget?.customStart ?? '');
  const [end, setEnd] = useState(budget?.customEnd ?? '');
  const [measure, setMeasure] = useState(budget?.measure ?? 'GROSS');
  const [providers, setProviders] = useState<ProviderId[]>(
    (budget?.scope.providers ?? []).map((p) => p.toLowerCase().replace('_', '-')).filter(isProviderId),
  );
  const [workspaces, setWorkspaces] = useState(budget?.scope.workspaces.join(', ') ?? '');
  const [accountIds, setAccountIds] = useState<string[]>(budget?.scope.accountIds ?? []);
  const [apiKeyIds, setApiKeyIds] = useState<string[]>(budget?.scope.apiKeyIds ?? []);
  const [models, setModels] = useState<string[]>(budget?.scope.models ?? []);
  const [thresholds, setThresholds] = useState(
    budget ? budget.thresholds.map((t) => `${t.percent} ${t.kind.toLowerCase()}`).join(', ') : DEFAULT_THRESHOLDS,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useBudgetsMutation(budget ? UPDATE_BUDGET : CREATE_BUDGET, {
    success: budget ? 'Budget saved' : 'Budget created',
    onError: (error) => {
      const apiError = error as ApiRequestError;
      setErrors(
        apiError.field ? { [apiError.field.replace(/\.\d+\..*$|\.\d+$/, '')]: error.message } : { form: error.message },
      );
    },
  });
  const submit = () => {
    setErrors({});
    create.mutate(
      {
        ...(budget ? { id: budget.id } : {}),
        input: {
          name,
          amount: amount.trim(),
          measure,
          thresholds: parseThresholds(thresholds),
          period:
            periodKind === 'CUSTOM'
              ? { kind: periodKind, start: start || null, end: end || null }
              : { kind: periodKind },
          scope: {
            accountIds,
            apiKeyIds,
            models,
            providers: providers.map((p) => p.toUpperCase().replace('-', '_')),
            workspaces: workspaces
              .split(',')
              .map((w) => w.trim())
              .filter(Boolean),
          },
        },
      },
      { onSuccess: onDone },
    );
  };
  const error = (field: string) => ({ error: Boolean(errors[field]), helperText: errors[field] ?? ' ' });
  return (
    <Box
      component="form"
      aria-label={budget ? `Edit ${budget.name}` : 'New budget'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      sx={{ mb: 2 }}>
      {errors.form ? (
        <Alert severity="error" sx={{ mb: 1 }}>
          {errors.form}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...error('name')}
        />
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label="Amount (USD)"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          {...error('amount')}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
        />
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          select
          label="Period"
          value={periodKind}
          onChange={(e) => setPeriodKind(e.target.value)}
          sx={{ minWidth: 140 }}
          {...error('period')}>
          <MenuItem value="MONTH">Calendar month</MenuItem>
          <MenuItem value="QUARTER">Calendar quarter</MenuItem>
          <MenuItem value="CUSTOM">Custom range</MenuItem>
        </TextField>
        {periodKind === 'CUSTOM' ? (
          <>
            <TextField
              fullWidth={false}
              margin="none"
              size="small"
              type="date"
              label="From"
              value={start}
              onChange={(e) => setStart(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
              {...error('period.start')}
            />
            <TextField
              fullWidth={false}
              margin="none"
              size="small"
              type="date"
              label="Until (excluded)"
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
              {...error('period.end')}
            />
          </>
        ) : null}
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          select
          label="Measure"
          value={measure}
          onChange={(e) => setMeasure(e.target.value)}
          sx={{ minWidth: 120 }}>
          <MenuItem value="GROSS">Gross cost</MenuItem>
          <MenuItem value="NET">Net of credits</MenuItem>
        </TextField>
        {/* The Overview's own provider filter widget. */}
        <ProviderSelect
          label="Providers"
          testId="budget-provider-select"
          value={providers}
          onChange={setProviders}
          error={errors['scope.providers'] ?? ''}
        />
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label="Workspaces"
          placeholder="Display names, comma-separated"
          value={workspaces}
          onChange={(e) => setWorkspaces(e.target.value)}
          {...error('scope.workspaces')}
        />
        <ScopePicker
          kind="accountIds"
          label="Accounts"
          value={accountIds}
          onChange={setAccountIds}
          error={errors['scope.accountIds']}
        />
        <ScopePicker
          kind="apiKeyIds"
          label="API keys"
          value={apiKeyIds}
          onChange={setApiKeyIds}
          error={errors['scope.apiKeyIds']}
        />
        <ScopePicker kind="models" label="Models" value={models} onChange={setModels} error={errors['scope.models']} />
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label="Thresholds"
          value={thresholds}
          onChange={(e) => setThresholds(e.target.value)}
          sx={{ minWidth: 260 }}
          {...error('thresholds')}
        />
        <Box>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {budget ? 'Save budget' : 'Create budget'}
          </Button>
          {budget ? (
            <Button onClick={onDone} sx={{ ml: 1 }}>
              Cancel
            </Button>
          ) : null}
        </Box>
      </Stack>
    </Box>
  );
}
