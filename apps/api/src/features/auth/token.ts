import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell the kind of a bearer token at a glance (and let secret scanners find leaked ones). */
export const TOKEN_PREFIXES = { session: 'sss_', apiToken: 'ssk_' } as const;

export type TokenKind = keyof typeof TOKEN_PREFIXES;

/** A new token: the plaintext (shown once), its stored hash and a display hint. */
export type IssuedToken = { token: string; hash: string; hint: string };

/**
 * SHA-256 (hex) of a token. Tokens are 256 random bits, so a plain hash is enough: there is
 * nothing to brute-force, unlike a password.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh random token of `kind`. */
export function issueToken(kind: TokenKind): IssuedToken {
  const token = `${TOKEN_PREFIXES[kind]}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), hint: `${token.slice(0, 7)}...${token.slice(-4)}` };
}

/** The token kind of a presented bearer token, by prefix; null for anything else. */
export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith(TOKEN_PREFIXES.session)) return 'session';
  if (token.startsWith(TOKEN_PREFIXES.apiToken)) return 'apiToken';
  return null;
}
