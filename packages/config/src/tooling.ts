import { ConfigError } from './config-error';
import { toProblems, withoutEmptyStrings, type Env } from './load';
import { ZToolingEnv } from './schema/tooling';

/** What the developer tools read from their environment, validated (`ZToolingEnv`). */
export type ToolingConfig = Readonly<{
  apiTarget: string;
  chromiumPath: string;
  databaseUrl?: string;
  /** PATH and HOME, for a child process started with a clean environment. */
  inherited: Readonly<{ PATH?: string; HOME?: string }>;
}>;

/**
 * The admin's dev server, browser tests and benchmarks read their settings here, the one home of
 * configuration. Empty values count as unset; every invalid one is reported in one error.
 */
export function loadToolingConfig(env: Env = process.env): ToolingConfig {
  const result = ZToolingEnv.safeParse(withoutEmptyStrings(env));
  if (!result.success) throw new ConfigError(toProblems(result.error));
  const { API_TARGET, CHROMIUM_PATH, DATABASE_URL, PATH, HOME } = result.data;
  return Object.freeze({
    apiTarget: API_TARGET,
    chromiumPath: CHROMIUM_PATH,
    ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
    inherited: Object.freeze({ PATH, HOME }),
  });
}
