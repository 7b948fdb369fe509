import HistoryIcon from '@mui/icons-material/History';
import { lazy } from 'react';
import { RESOURCES } from '../../data-provider';

// Loaded when first opened (from Integrations, or right after linking).
const SyncRunList = lazy(() => import('./SyncRunList').then((m) => ({ default: m.SyncRunList })));
const SyncRunShow = lazy(() => import('./SyncRunShow').then((m) => ({ default: m.SyncRunShow })));

/** The sync-runs resource: "Sync logs" in the menu (every account), and View Sync Logs on Integrations (one account). */
export const syncRuns = {
  name: RESOURCES.syncRuns,
  list: SyncRunList,
  show: SyncRunShow,
  icon: HistoryIcon,
  options: { label: 'Sync logs' },
};
