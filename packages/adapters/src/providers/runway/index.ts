import { ZRunwayCredentials, type RunwayCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { RUNWAY_CAPABILITIES, createRunwayAdapter } from './adapter';

/** Runway: API credits per model and day from the organization usage endpoint. */
export const runwayProvider: ProviderDefinition<RunwayCredentials> = {
  id: 'runway',
  label: 'Runway',
  credentials: ZRunwayCredentials,
  capabilities: RUNWAY_CAPABILITIES,
  create: createRunwayAdapter,
};
