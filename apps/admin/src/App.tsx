import { CustomRoutes, Resource } from 'react-admin';
import { BrowserRouter } from 'react-router';
import type { AppDeps } from './app-deps';
import { LoginPage } from './auth/LoginPage';
import { TransportContext } from './data-provider/transport-context';
import { Home } from './Home';
import { SpendsyncAdmin } from './SpendsyncAdmin';
import { SpendsyncLayout } from './layout/SpendsyncLayout';
import { adminRoutes } from './resources/admin-routes';
import { budgetRoutes } from './resources/budgets';
import { anomalyRoutes } from './resources/anomalies';
import { overviewRoutes } from './resources/overview';
import { providerAccounts } from './resources/provider-accounts';
import { syncRuns } from './resources/sync-runs';
import { creditGrants } from './resources/runway';

/**
 * The admin: react-admin on our GraphQL data provider (react-query is the one cache), sign-in
 * required, Integrations and sync logs, the Overview's routes, and API tokens, users and
 * change password. Telemetry is off because it
 * calls an external host that is unreachable offline.
 */
export function App({ deps }: { deps: AppDeps }) {
  return (
    <TransportContext.Provider value={deps.transport}>
      {/* Real paths (/provider-accounts), not react-admin's default #/ routes; the API serves index.html for them. */}
      <BrowserRouter>
        <SpendsyncAdmin
          title="spendsync"
          dataProvider={deps.dataProvider}
          authProvider={deps.authProvider}
          i18nProvider={deps.i18nProvider}
          queryClient={deps.queryClient}
          store={deps.store}
          layout={SpendsyncLayout}
          loginPage={LoginPage}
          dashboard={Home}>
          <Resource {...providerAccounts} />
          <Resource {...syncRuns} />
          <Resource {...creditGrants} />
          <CustomRoutes>{[...overviewRoutes, ...adminRoutes, ...budgetRoutes, ...anomalyRoutes]}</CustomRoutes>
        </SpendsyncAdmin>
      </BrowserRouter>
    </TransportContext.Provider>
  );
}
