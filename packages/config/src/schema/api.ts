import { z } from 'zod';

/** Environments the API knows. Production turns on the strict rules (a master key is required). */
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const PORT_RULE = 'must be an integer from 0 to 65535 (default 4000; 0 picks a free port)';

/** The HTTP process itself: where it listens, how strict it is and where it keeps local state. */
export const ZApiEnv = z.object({
  /** Development by default, so a bare `pnpm start` works without secrets. */
  NODE_ENV: z
    .enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')} (default development)` })
    .default('development'),
  /** The port GraphQL, /healthz and the admin UI are served on. */
  PORT: z.coerce
    .number({ error: PORT_RULE })
    .int({ error: PORT_RULE })
    .min(0, { error: PORT_RULE })
    .max(65535, { error: PORT_RULE })
    .default(4000),
  /** Local state: the embedded PostgreSQL cluster and the generated master key live here. */
  SPENDSYNC_DATA_DIR: z.string().default('./.spendsync'),
});
