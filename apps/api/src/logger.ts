import pino from 'pino';

/** The application logger (pino). */
export type Logger = pino.Logger;

/**
 * Paths pino blanks out wherever they appear, as a second line of defence: code should never
 * hand a credential to the logger in the first place (DESIGN.md §7).
 */
export const REDACTED_PATHS = [
  'masterKey', '*.masterKey', 'databaseUrl', '*.databaseUrl', 'adminPassword', '*.adminPassword', 'password', '*.password', 'credentials', '*.credentials',
  'apiKey', '*.apiKey', 'secretAccessKey', '*.secretAccessKey', 'clientSecret', '*.clientSecret', 'authorization',
  '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
];

/** A JSON logger on stdout at `level`, with secret-looking fields censored. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
