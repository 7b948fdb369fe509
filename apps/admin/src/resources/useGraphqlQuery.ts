import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { useSpendsyncDataProvider } from '../data-provider/useSpendsyncDataProvider';

/** One query of the admin screens through the data provider, cached by react-query under `key`. */
export function useGraphqlQuery<T>(key: string, document: string) {
  const dataProvider = useSpendsyncDataProvider();
  return useQuery({ queryKey: [key], queryFn: () => dataProvider.graphql<T>(document) });
}

/**
 * A mutation that refetches `key` once it succeeds; a failure is shown as a notification
 * unless `onError` handles it (forms put it beside the field at fault).
 */
export function useGraphqlMutation<T, V extends Record<string, unknown>>(
  key: string | null,
  document: string,
  options: { onSuccess?: (data: T, variables: V) => void; onError?: (error: Error) => void } = {},
) {
  const dataProvider = useSpendsyncDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (variables: V) => dataProvider.graphql<T>(document, variables),
    onSuccess: (data, variables) => {
      if (key) void queryClient.invalidateQueries({ queryKey: [key] });
      options.onSuccess?.(data, variables);
    },
    onError: options.onError ?? ((error: Error) => notify(error.message, { type: 'error' })),
  });
}
