import type { NextFunction, Request, Response } from 'express';

/** PostgreSQL text cannot hold U+0000; a value carrying one would fail deep inside a write. */
const NUL = '\u0000';

/** How the refusal is written on a given route (GraphQL's `errors` or the REST `error` shape). */
export type NulRefusalWriter = (res: Response, message: string, field: string) => void;

/**
 * The path of the first string (or object key) holding U+0000 in `value`, e.g.
 * `variables.input.label`; undefined when there is none. Nesting beyond 64 levels is not
 * walked (the query limits refuse such documents anyway).
 */
export function findNulCharacter(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path || '(value)' : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return where;
    const found = findNulCharacter(inner, where, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The message a client gets, naming where the character is. */
export function nulMessage(field: string): string {
  return `${field} contains the NUL character (\\u0000), which spendsync cannot store; remove it and send again.`;
}

/** Express middleware refusing a body or query string that holds U+0000, before anything runs. */
export function refuseNulCharacters(write: NulRefusalWriter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const field = findNulCharacter(req.body) ?? findNulCharacter(req.query);
    if (field) return write(res, nulMessage(field), field);
    next();
  };
}

/** A GraphQL-over-HTTP refusal (400, `errors` with code BAD_USER_INPUT). */
export const graphqlNulRefusal: NulRefusalWriter = (res, message, field) =>
  void res.status(400).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] });

/** A REST refusal in the routes' `{ error: { code, message, field } }` shape. */
export const restNulRefusal: NulRefusalWriter = (res, message, field) =>
  void res.status(400).json({ error: { code: 'BAD_USER_INPUT', message, field } });
