import { ConfigError, loadApiConfig, type ApiConfig } from '@spendsync/config';

/** Loads the configuration; a bad environment prints its one message (every bad variable) and exits 1. */
export function loadConfigOrExit(): ApiConfig {
  try {
    return loadApiConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
