import { preloadable, type Preloadable } from '../../routing/preloadable';
import type { OverviewTab } from './overview-tabs';
import type { TabProps } from './tab-props';

/**
 * Each Overview tab's component, in a chunk of its own: the first screen loads only the tab it
 * shows. Kept apart from the page so the app's entry can start loading a tab alongside the page
 * (index.ts); a tab preloaded so mounts without suspending (`preloadable`).
 */
export const TAB_COMPONENTS = {
  providers: preloadable(() => import('./ProvidersTab').then((m) => ({ default: m.ProvidersTab }))),
  models: preloadable(() => import('./ModelsTab').then((m) => ({ default: m.ModelsTab }))),
  'api-keys': preloadable(() => import('./ApiKeysTab').then((m) => ({ default: m.ApiKeysTab }))),
  workspaces: preloadable(() => import('./WorkspacesTab').then((m) => ({ default: m.WorkspacesTab }))),
} satisfies Record<OverviewTab, Preloadable<TabProps>>;
