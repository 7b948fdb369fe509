import { addDays } from '../overview/overview-filter';
import { fromProviderEnum } from '../overview/providers';
import type { Anomaly, AnomalyDriver } from './anomaly-queries';

/** Days before the anomaly the Overview link shows, so the jump is visible against its baseline. */
const CONTEXT_DAYS = 14;

const TAB = { API_KEY: 'api-keys', MODEL: 'models', WORKSPACE: 'workspaces' } as const;

/**
 * The Overview URL for a driver of an anomaly: the driver's tab, over the two weeks up to the
 * anomaly day, narrowed to the anomaly's provider and to the driver (a search for a key or a
 * model, a workspace filter for a workspace). "other" links to the tab without a narrowing.
 */
export function overviewLinkFor(
  anomaly: Pick<Anomaly, 'day' | 'provider'>,
  driver: Pick<AnomalyDriver, 'dimension' | 'key' | 'label'>,
): string {
  const params = new URLSearchParams();
  if (anomaly.provider) params.set('providers', fromProviderEnum(anomaly.provider));
  params.set('start', addDays(anomaly.day, -CONTEXT_DAYS));
  params.set('end', addDays(anomaly.day, 1));
  if (driver.key !== null) {
    if (driver.dimension === 'WORKSPACE') params.append('workspaces', driver.key);
    else params.set('search', driver.dimension === 'API_KEY' ? driver.label : driver.key);
  }
  return `/overview/${TAB[driver.dimension]}?${params.toString()}`;
}
