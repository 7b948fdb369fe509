import { SECRET_CREDENTIAL_FIELDS } from '@spendsync/domain';
import pino from 'pino';

/** The application logger (pino). */
export type Logger = pino.Logger;

/** The application log (pino's call shape), what features log through; tests pass lighter ones. */
export type AppLogger = {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

/**
 * Paths pino blanks out wherever they appear, as a second line of defence: code should never
 * hand a credential to the logger in the first place (DESIGN.md §7). The credential fields are
 * the secret ones of the credential guides (`SECRET_CREDENTIAL_FIELDS`).
 */
export const REDACTED_PATHS = [
  ...['masterKey', 'databaseUrl', 'adminPassword', 'password', 'credentials', 'authorization']
    .concat(SECRET_CREDENTIAL_FIELDS)
    .flatMap((field) => [field, `*.${field}`]),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** A JSON logger on stdout at `level`, with secret-looking fields censored. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
