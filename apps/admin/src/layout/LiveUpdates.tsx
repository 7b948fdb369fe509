import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { startLiveUpdates } from '../data-provider/live';
import { useTransport } from '../data-provider/useTransport';

/**
 * Keeps every screen current while signed in: one subscription to the organization's sync
 * progress, turned into react-query cache updates and invalidations (no polling). Renders nothing.
 */
export function LiveUpdates() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  useEffect(() => startLiveUpdates(transport, queryClient), [transport, queryClient]);
  return null;
}
