import HistoryIcon from '@mui/icons-material/History';
import { RESOURCES } from '../../data-provider';
import { SyncRunList } from './SyncRunList';
import { SyncRunShow } from './SyncRunShow';

/** The sync-runs resource (View Sync Logs); reached from Integrations, not the menu. */
export const syncRuns = {
  name: RESOURCES.syncRuns,
  list: SyncRunList,
  show: SyncRunShow,
  icon: HistoryIcon,
  options: { label: 'Sync logs' },
};
