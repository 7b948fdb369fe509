import InsightsIcon from '@mui/icons-material/Insights';
import NotificationsIcon from '@mui/icons-material/NotificationsActive';
import SavingsIcon from '@mui/icons-material/Savings';
import { Menu } from 'react-admin';
import { RESOURCES } from '../data-provider';

/** The sidebar: the Overview dashboards and the linked providers (sync logs open from there). */
export function SpendsyncMenu() {
  return (
    <Menu>
      <Menu.Item to="/overview" primaryText="Overview" leftIcon={<InsightsIcon />} />
      <Menu.ResourceItem name={RESOURCES.providerAccounts} />
      <Menu.Item to="/budgets" primaryText="Budgets" leftIcon={<SavingsIcon />} />
      <Menu.Item to="/notification-channels" primaryText="Notification channels" leftIcon={<NotificationsIcon />} />
    </Menu>
  );
}
