import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ApiError } from '../../errors';

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges a channel may not target. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** True for an address a channel may not send to (loopback, private, link-local…). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6 && address.toLowerCase().startsWith('::ffff:')) return isPrivateAddress(address.slice(7));
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A channel URL, checked: a full https:// URL without credentials in it. Plain http and private
 * addresses are only accepted with SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS (tests, the demo).
 */
export function parseChannelUrl(text: string | null | undefined, allowCustomEndpoints: boolean, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL((text ?? '').trim());
  } catch {
    throw new ApiError('BAD_USER_INPUT', 'Give a full URL such as https://hooks.example.com/spendsync.', { field });
  }
  const httpAllowed = allowCustomEndpoints && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !httpAllowed)
    throw new ApiError('BAD_USER_INPUT', 'Channel URLs must use https://.', { field });
  if (url.username || url.password)
    throw new ApiError('BAD_USER_INPUT', 'Put no user name or password in the URL.', { field });
  return url;
}

/**
 * Refuses a host that is, or resolves to, a loopback, private or link-local address (unless
 * custom endpoints are allowed). Checked when the channel is saved and again before every send,
 * so a name re-pointed at an internal address later is refused too.
 */
export async function assertPublicHost(url: URL, allowCustomEndpoints: boolean, field = 'url'): Promise<void> {
  if (allowCustomEndpoints) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0)
    throw new ApiError('BAD_USER_INPUT', `The host ${host} could not be resolved.`, { field });
  if (addresses.some(isPrivateAddress)) {
    throw new ApiError(
      'BAD_USER_INPUT',
      `${host} is a loopback, private or link-local address; channels may only call public hosts.`,
      { field },
    );
  }
}
