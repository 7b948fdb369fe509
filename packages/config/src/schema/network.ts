import { isIP } from 'node:net';
import { z } from 'zod';

/** Names Express (proxy-addr) understands for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const PROXY_RULE = 'must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16), or loopback, linklocal, uniquelocal';

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

/** How the API sits in the network. */
export const ZNetworkEnv = z.object({
  /**
   * Proxies (a load balancer, a GraphQL router) whose `X-Forwarded-For` spendsync believes, so the
   * login limiter and logs see each client's own address instead of the proxy's. Empty (default):
   * trust none, use the connection's address, since anyone could send the header.
   */
  SPENDSYNC_TRUSTED_PROXIES: z.string().default('').transform((value, ctx) => {
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `${PROXY_RULE}; not valid: ${bad.join(', ')}` });
    return entries;
  }),
});
