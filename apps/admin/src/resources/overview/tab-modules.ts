import type { ComponentType } from 'react';
import type { OverviewTab } from './overview-tabs';
import type { TabProps } from './tab-props';

/**
 * Each Overview tab's chunk: the first screen loads only the tab it shows. Kept apart from the
 * page so the app's entry can start loading a tab alongside the page (index.ts).
 */
export const TAB_MODULES = {
  providers: () => import('./ProvidersTab').then((m) => ({ default: m.ProvidersTab })),
  models: () => import('./ModelsTab').then((m) => ({ default: m.ModelsTab })),
  'api-keys': () => import('./ApiKeysTab').then((m) => ({ default: m.ApiKeysTab })),
  workspaces: () => import('./WorkspacesTab').then((m) => ({ default: m.WorkspacesTab })),
} satisfies Record<OverviewTab, () => Promise<{ default: ComponentType<TabProps> }>>;
