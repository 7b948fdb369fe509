import { ZFalCredentials, type FalCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { FAL_CAPABILITIES, createFalAdapter } from './adapter';

/** fal.ai: usage per endpoint, unit and day from the Platform API, with an ADMIN key. */
export const falProvider: ProviderDefinition<FalCredentials> = {
  id: 'fal',
  label: 'fal.ai',
  credentials: ZFalCredentials,
  capabilities: FAL_CAPABILITIES,
  create: createFalAdapter,
};
