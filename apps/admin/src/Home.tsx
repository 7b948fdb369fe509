import { Navigate } from 'react-router';
import { Loading, Title, useGetList } from 'react-admin';
import { RESOURCES } from './data-provider';
import { EmptyProviders } from './resources/provider-accounts/EmptyProviders';

/** `/`: the Overview once a provider is linked; until then, what to do first. */
export function Home() {
  const { total, isPending } = useGetList(RESOURCES.providerAccounts, {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'label', order: 'ASC' },
  });
  if (isPending) return <Loading />;
  if (!total) {
    return (
      <>
        <Title title="Get started" />
        <EmptyProviders />
      </>
    );
  }
  return <Navigate to="/overview" replace />;
}
