import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify } from 'react-admin';
import type { SpendsyncDataProvider } from '../../data-provider';
import type { OverviewMethods } from '../../data-provider/overview-methods';

/** A GraphQL operation's variables. */
export type GraphqlVariables = Record<string, unknown>;

/** The react-query key prefix of every Overview query (invalidated after a workspace change). */
export const OVERVIEW_QUERY_KEY = 'overview';

/** The app's data provider with the Overview's export method (see data-provider/overview-methods.ts). */
export type OverviewDataProvider = SpendsyncDataProvider & OverviewMethods;

/** The app's data provider, typed with the Overview's methods. */
export function useOverviewDataProvider(): OverviewDataProvider {
  return useDataProvider<OverviewDataProvider>();
}

/**
 * One GraphQL query through the app's data provider, cached by react-query (the one cache).
 * The previous result stays on screen while a new filter loads, so tables do not flash empty.
 */
export function useOverviewQuery<T>(
  name: string,
  query: string,
  variables: GraphqlVariables,
  options: { enabled?: boolean } = {},
) {
  const dataProvider = useOverviewDataProvider();
  return useQuery({
    queryKey: [OVERVIEW_QUERY_KEY, name, variables],
    queryFn: () => dataProvider.graphql<T>(query, variables),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** A GraphQL mutation that refreshes every Overview query and says what happened. */
export function useOverviewMutation<T, V extends GraphqlVariables>(mutation: string, success: string) {
  const dataProvider = useOverviewDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (variables: V) => dataProvider.graphql<T>(mutation, variables),
    onSuccess: async () => {
      notify(success, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: [OVERVIEW_QUERY_KEY] });
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
}

const ME = 'query OverviewViewer { me { role } }';

/** True when the caller may change things (admins); viewers get no editing controls. */
export function useCanEdit(): boolean {
  const { data } = useOverviewQuery<{ me: { role: 'ADMIN' | 'VIEWER' } }>('me', ME, {});
  return data?.me.role === 'ADMIN';
}
