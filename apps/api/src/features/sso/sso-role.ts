import type { OidcDomainRule } from '@spendsync/config';
import type { UserRole } from '../users/user.entity';

/** The part of an email after the last `@`, lower-cased. */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The domain rule an email falls under; null when rules exist and none matches. Empty rules allow any domain. */
export function domainRuleOf(email: string, rules: readonly OidcDomainRule[]): OidcDomainRule | 'any' | null {
  if (rules.length === 0) return 'any';
  const domain = emailDomainOf(email);
  return rules.find((rule) => rule.domain === domain) ?? null;
}

/** `admin` or `viewer` from a claim's value (a string or a list of them); null when it names neither. */
export function roleFromClaim(value: unknown): UserRole | null {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const names = values.map((v) => v.trim().toLowerCase());
  if (names.includes('admin')) return 'admin';
  if (names.includes('viewer')) return 'viewer';
  return null;
}

/**
 * The role of a user created at their first single sign-on: the role claim when it names one,
 * else the email domain's rule, else viewer.
 */
export function roleForNewUser(
  claims: Record<string, unknown>,
  email: string,
  options: { roleClaim?: string; allowedDomains: readonly OidcDomainRule[] },
): UserRole {
  const claimed = options.roleClaim ? roleFromClaim(claims[options.roleClaim]) : null;
  if (claimed) return claimed;
  const rule = domainRuleOf(email, options.allowedDomains);
  return rule && rule !== 'any' ? rule.role : 'viewer';
}
