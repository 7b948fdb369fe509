import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { SpendsyncDataProvider } from '../../data-provider';
import { useTransport } from '../../data-provider/useTransport';
import { ALERT_FIRED } from './budget-documents';

/** The react-query key prefix of the Budgets and Notification channels screens. */
export const BUDGETS_QUERY_KEY = 'budgets';

/** One query of these screens through the app's data provider (react-query is the one cache). */
export function useBudgetsQuery<T>(name: string, document: string, variables: Record<string, unknown> = {}) {
  const dataProvider = useDataProvider<SpendsyncDataProvider>();
  return useQuery({
    queryKey: [BUDGETS_QUERY_KEY, name, variables],
    queryFn: () => dataProvider.graphql<T>(document, variables),
  });
}

/** A mutation that refreshes these screens; errors go to `onError` (forms show them by field) or a toast. */
export function useBudgetsMutation<T>(
  document: string,
  options: { success?: string; onError?: (error: Error) => void } = {},
) {
  const dataProvider = useDataProvider<SpendsyncDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (variables: Record<string, unknown>) => dataProvider.graphql<T>(document, variables),
    onSuccess: async () => {
      if (options.success) notify(options.success, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: [BUDGETS_QUERY_KEY] });
    },
    onError: (error: Error) => (options.onError ? options.onError(error) : notify(error.message, { type: 'error' })),
  });
}

type AlertFired = {
  alertFired: { budgetName: string; change: string; thresholdKind: string; thresholdPercent: number; spent: string };
};

/** Alerts arrive live: each one is announced and refreshes budgets, history and the delivery log. */
export function useLiveAlerts(): void {
  const transport = useTransport();
  const queryClient = useQueryClient();
  const notify = useNotify();
  useEffect(
    () =>
      transport.subscribe<AlertFired>(
        ALERT_FIRED,
        {},
        {
          next: ({ alertFired: a }) => {
            notify(
              `Budget "${a.budgetName}" ${a.change === 'fired' ? 'reached' : 'is back below'} ${a.thresholdPercent} % (${a.thresholdKind})`,
              { type: a.change === 'fired' ? 'warning' : 'info' },
            );
            void queryClient.invalidateQueries({ queryKey: [BUDGETS_QUERY_KEY] });
            // Deliveries are sent a moment after the alert: look again shortly.
            setTimeout(() => void queryClient.invalidateQueries({ queryKey: [BUDGETS_QUERY_KEY] }), 1_500);
          },
        },
      ),
    [transport, queryClient, notify],
  );
}
