import { z } from 'zod';

const LIST_RULE =
  'must be a comma-separated list of email domains, each optionally with a role (e.g. example.com=admin,partner.com)';
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** One allowed email domain and the role its new users get. */
export type OidcDomainRule = { readonly domain: string; readonly role: 'admin' | 'viewer' };

/** `example.com=admin,partner.com` → rules; undefined entries are reported. */
function parseDomainRules(value: string, ctx: z.RefinementCtx): OidcDomainRule[] {
  const rules: OidcDomainRule[] = [];
  const bad: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim().toLowerCase())) {
    if (entry === '') continue;
    const [domain = '', role = 'viewer', ...rest] = entry.split('=').map((p) => p.trim());
    if (!DOMAIN.test(domain) || (role !== 'admin' && role !== 'viewer') || rest.length > 0) bad.push(entry);
    else rules.push({ domain, role });
  }
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `${LIST_RULE}; not valid: ${bad.join(', ')}` });
  return rules;
}

/**
 * Single sign-on with an OpenID Connect provider (authorization code + PKCE). All three of
 * issuer, client id and secret, or none: without them only password sign-in exists.
 */
export const ZOidcEnv = z.object({
  /** The provider's issuer URL; its `/.well-known/openid-configuration` is read at the first sign-in. */
  SPENDSYNC_OIDC_ISSUER: z.url({ error: 'must be the issuer URL, such as https://accounts.example.com' }).optional(),
  /** The client id registered for spendsync at the provider. */
  SPENDSYNC_OIDC_CLIENT_ID: z.string().optional(),
  /** That client's secret (client_secret_basic). Secret: never logged. */
  SPENDSYNC_OIDC_CLIENT_SECRET: z.string().optional(),
  /**
   * Email domains that may sign in, each with the role its new users get (`example.com=admin`,
   * `partner.com` for viewer). Empty (default): any domain, as viewer, unless the role claim says otherwise.
   */
  SPENDSYNC_OIDC_ALLOWED_DOMAINS: z.string().default('').transform(parseDomainRules),
  /** An ID token claim holding `admin` or `viewer` (a string or a list); it wins over the domain rule. */
  SPENDSYNC_OIDC_ROLE_CLAIM: z.string().optional(),
  /**
   * The organization SSO users belong to. Unset: the installation's only organization (start-up
   * is fine with several, but SSO sign-in then asks for this).
   */
  SPENDSYNC_OIDC_ORGANIZATION_ID: z.uuid({ error: 'must be an organization id (a UUID)' }).optional(),
});

/** The cross-field rule: issuer, client id and secret come together. */
export function checkOidcEnv(env: z.infer<typeof ZOidcEnv>, ctx: z.RefinementCtx): void {
  const keys = ['SPENDSYNC_OIDC_ISSUER', 'SPENDSYNC_OIDC_CLIENT_ID', 'SPENDSYNC_OIDC_CLIENT_SECRET'] as const;
  const set = keys.filter((k) => env[k] !== undefined);
  if (set.length === 0 || set.length === keys.length) return;
  for (const key of keys.filter((k) => env[k] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [key], message: `is required with ${set.join(' and ')} (single sign-on)` });
  }
}
