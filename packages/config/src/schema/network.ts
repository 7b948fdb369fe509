import { isIP } from 'node:net';
import { z } from 'zod';

/** Names Express (proxy-addr) understands for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const PROXY_RULE =
  'must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16), or loopback, linklocal, uniquelocal';

/** True for `10.0.0.5`, `10.1.0.0/16`, `::1`, `fd00::/8` and the range names. */
export function isTrustedProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

const HOST_RULE =
  'must be a comma-separated list of host names, IP addresses or CIDR ranges (e.g. litellm.internal,10.0.0.0/8,127.0.0.1)';
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** True for `litellm.internal`, `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
export function isAllowedHostEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return false;
  return isTrustedProxyEntry(entry) || (isIP(entry) === 0 && !entry.includes('/') && HOSTNAME.test(entry));
}

/** How the API sits in the network. */
export const ZNetworkEnv = z.object({
  /**
   * Proxies (a load balancer, a GraphQL router) whose `X-Forwarded-For` spendsync believes, so the
   * login limiter and logs see each client's own address instead of the proxy's. Empty (default):
   * trust none, use the connection's address, since anyone could send the header.
   */
  SPENDSYNC_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `${PROXY_RULE}; not valid: ${bad.join(', ')}` });
      return entries;
    }),
  /**
   * Hosts a LiteLLM proxy may be linked at although they are loopback or private addresses
   * (LiteLLM is self-hosted, often on an internal network). Empty (default): public hosts only.
   * Link-local and cloud metadata addresses are refused whatever this says.
   */
  SPENDSYNC_LITELLM_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const entries = value
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== '');
      const bad = entries.filter((entry) => !isAllowedHostEntry(entry));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `${HOST_RULE}; not valid: ${bad.join(', ')}` });
      return entries;
    }),
});
