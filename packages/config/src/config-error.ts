/** One invalid environment variable and what it should be instead. */
export type ConfigProblem = { readonly variable: string; readonly message: string };

/**
 * The single boot error for a bad environment. Its message lists every bad variable at once so
 * a deploy is fixed in one round; values are never repeated because some are secrets.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable} ${p.message}`);
    super(
      `Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`,
    );
  }
}
