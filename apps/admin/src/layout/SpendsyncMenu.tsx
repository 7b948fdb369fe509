import InsightsIcon from '@mui/icons-material/Insights';
import KeyIcon from '@mui/icons-material/Key';
import PeopleIcon from '@mui/icons-material/People';
import HistoryIcon from '@mui/icons-material/History';
import { Menu, usePermissions } from 'react-admin';
import { API_TOKENS_PATH, AUDIT_LOG_PATH, USERS_PATH } from '../resources/admin-paths';
import NotificationsIcon from '@mui/icons-material/NotificationsActive';
import SavingsIcon from '@mui/icons-material/Savings';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { RESOURCES } from '../data-provider';

/** The sidebar: the Overview dashboards, the linked providers, every sync, and (admins) tokens and users. */
export function SpendsyncMenu() {
  const { permissions } = usePermissions<string>();
  return (
    <Menu>
      <Menu.Item to="/overview" primaryText="Overview" leftIcon={<InsightsIcon />} />
      <Menu.Item to="/anomalies" primaryText="Anomalies" leftIcon={<ReportProblemIcon />} />
      <Menu.ResourceItem name={RESOURCES.providerAccounts} />
      <Menu.ResourceItem name={RESOURCES.syncRuns} />
      <Menu.ResourceItem name={RESOURCES.creditGrants} />
      <Menu.Item to="/budgets" primaryText="Budgets" leftIcon={<SavingsIcon />} />
      <Menu.Item to="/notification-channels" primaryText="Notification channels" leftIcon={<NotificationsIcon />} />
      {permissions === 'ADMIN' ? (
        <Menu.Item to={API_TOKENS_PATH} primaryText="API tokens" leftIcon={<KeyIcon />} />
      ) : null}
      {permissions === 'ADMIN' ? <Menu.Item to={USERS_PATH} primaryText="Users" leftIcon={<PeopleIcon />} /> : null}
      {permissions === 'ADMIN' ? (
        <Menu.Item to={AUDIT_LOG_PATH} primaryText="Audit log" leftIcon={<HistoryIcon />} />
      ) : null}
    </Menu>
  );
}
