import InsightsIcon from '@mui/icons-material/Insights';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { Menu } from 'react-admin';
import { RESOURCES } from '../data-provider';

/** The sidebar: the Overview dashboards and the linked providers (sync logs open from there). */
export function SpendsyncMenu() {
  return (
    <Menu>
      <Menu.Item to="/overview" primaryText="Overview" leftIcon={<InsightsIcon />} />
      <Menu.Item to="/anomalies" primaryText="Anomalies" leftIcon={<ReportProblemIcon />} />
      <Menu.ResourceItem name={RESOURCES.providerAccounts} />
    </Menu>
  );
}
