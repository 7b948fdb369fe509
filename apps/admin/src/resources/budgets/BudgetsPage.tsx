import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { formatUsd } from '../overview/format';
import { useCanEdit } from '../overview/useOverviewQuery';
import { ALERT_EVENTS, BUDGETS, DELETE_BUDGET, type AlertEventRow, type BudgetRow } from './budget-documents';
import { BudgetForm } from './BudgetForm';
import { BudgetProgress } from './BudgetProgress';
import { useBudgetsMutation, useBudgetsQuery, useLiveAlerts } from './useBudgetsApi';

function scopeText(b: BudgetRow): string {
  const parts = [...b.scope.providers, ...b.scope.workspaces];
  return parts.length === 0 ? 'Whole organization' : parts.join(', ');
}

function BudgetTable({
  budgets,
  canEdit,
  onEdit,
}: {
  budgets: BudgetRow[];
  canEdit: boolean;
  onEdit(budget: BudgetRow): void;
}) {
  const remove = useBudgetsMutation(DELETE_BUDGET, { success: 'Budget deleted' });
  return (
    <Table size="small" aria-label="Budgets">
      <TableHead>
        <TableRow>
          <TableCell>Budget</TableCell>
          <TableCell>Scope</TableCell>
          <TableCell>Period</TableCell>
          <TableCell align="right">Spent</TableCell>
          <TableCell align="right">Amount</TableCell>
          <TableCell>Progress</TableCell>
          <TableCell align="right">Forecast</TableCell>
          <TableCell>Alerts</TableCell>
          {canEdit ? <TableCell /> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {budgets.map((b) => (
          <TableRow key={b.id} data-row={b.id}>
            <TableCell>{b.name}</TableCell>
            <TableCell>{scopeText(b)}</TableCell>
            <TableCell>
              {b.status.periodStart} – {b.status.periodEnd}
            </TableCell>
            <TableCell align="right">{formatUsd(b.status.spent)}</TableCell>
            <TableCell align="right">{formatUsd(b.amount)}</TableCell>
            <TableCell>
              <BudgetProgress
                label={`${b.name} spent`}
                percent={b.status.percent}
                forecastPercent={b.status.forecastPercent}
                highestPercentReached={b.status.highestPercentReached}
              />
              <Typography variant="caption">
                {Number(b.status.percent).toFixed(0)} %
                {b.status.provisionalDays > 0 ? ` · ${b.status.provisionalDays} provisional days` : ''}
              </Typography>
            </TableCell>
            <TableCell align="right" title={`Rests on ${b.status.forecastBasisDays} settled days`}>
              {formatUsd(b.status.forecast)}
            </TableCell>
            <TableCell>
              {b.status.fired.map((f) => (
                <Chip
                  key={`${f.thresholdKind}${f.thresholdPercent}`}
                  size="small"
                  sx={{ mr: 0.5 }}
                  color={f.recoveredAt ? 'default' : 'warning'}
                  label={`${f.thresholdPercent} % ${f.thresholdKind.toLowerCase()}${f.recoveredAt ? ' (recovered)' : ''}`}
                />
              ))}
            </TableCell>
            {canEdit ? (
              <TableCell>
                <Button size="small" onClick={() => onEdit(b)}>
                  Edit
                </Button>
                <Button size="small" color="error" onClick={() => remove.mutate({ id: b.id })}>
                  Delete
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function AlertHistory() {
  const { data } = useBudgetsQuery<{ budgetAlertEvents: AlertEventRow[] }>('alerts', ALERT_EVENTS);
  const events = data?.budgetAlertEvents ?? [];
  return (
    <Table size="small" aria-label="Alert history">
      <TableHead>
        <TableRow>
          <TableCell>Fired</TableCell>
          <TableCell>Budget</TableCell>
          <TableCell>Threshold</TableCell>
          <TableCell align="right">Spent</TableCell>
          <TableCell>Recovered</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.length === 0 ? (
          <TableRow>
            <TableCell colSpan={5}>No alerts yet.</TableCell>
          </TableRow>
        ) : null}
        {events.map((e) => (
          <TableRow key={e.id}>
            <TableCell>{new Date(e.firedAt).toLocaleString()}</TableCell>
            <TableCell>{e.budgetName}</TableCell>
            <TableCell>
              {e.thresholdPercent} % {e.thresholdKind.toLowerCase()}
            </TableCell>
            <TableCell align="right">{formatUsd(e.thresholdKind === 'FORECAST' ? e.forecast : e.spent)}</TableCell>
            <TableCell>{e.recoveredAt ? new Date(e.recoveredAt).toLocaleString() : ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Budgets: a row per budget with its progress and forecast, creating one, and the alert history; alerts arrive live. */
export function BudgetsPage() {
  useLiveAlerts();
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<BudgetRow | null>(null);
  const { data, isLoading } = useBudgetsQuery<{ budgets: BudgetRow[] }>('list', BUDGETS);
  const budgets = data?.budgets ?? [];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title="Budgets" />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          {canEdit && editing ? <BudgetForm key={editing.id} budget={editing} onDone={() => setEditing(null)} /> : null}
          {canEdit && !editing ? (
            creating ? (
              <BudgetForm onDone={() => setCreating(false)} />
            ) : (
              <Button variant="contained" onClick={() => setCreating(true)} sx={{ mb: 2 }}>
                New budget
              </Button>
            )
          ) : null}
          {!isLoading && budgets.length === 0 ? (
            <Typography>No budgets yet.</Typography>
          ) : (
            <BudgetTable
              budgets={budgets}
              canEdit={canEdit}
              onEdit={(b) => {
                setCreating(false);
                setEditing(b);
              }}
            />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Alert history
          </Typography>
          <AlertHistory />
        </CardContent>
      </Card>
    </Box>
  );
}
