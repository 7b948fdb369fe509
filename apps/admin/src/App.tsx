import { Admin } from 'react-admin';
import { Welcome } from './Welcome';

/**
 * The admin shell. Resources (providers, sync logs, the overview tabs) are added by the admin UI
 * issue; telemetry is off because it calls an external host that is unreachable offline.
 */
export function App() {
  return <Admin title="spendsync" disableTelemetry dashboard={Welcome} />;
}
