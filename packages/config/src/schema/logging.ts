import { z } from 'zod';

/** pino's levels; `silent` turns logging off (useful in tests). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How much the API logs. */
export const ZLoggingEnv = z.object({
  /** Minimum level written to stdout. */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')} (default info)` }).default('info'),
});
