import { BlockList, isIP } from 'node:net';

/**
 * Where provider calls may go. Provider APIs are public hosts; a self-hosted LiteLLM proxy is
 * often on a private network, so its operator names it (SPENDSYNC_LITELLM_ALLOWED_HOSTS).
 * Link-local and cloud metadata addresses are refused always: they hand out cloud credentials.
 */
export type OutboundPolicy = {
  /** Loopback and private addresses allowed everywhere (custom endpoints on: tests, the demo). */
  readonly allowPrivate: boolean;
  /** Host names, addresses and CIDR ranges an operator allowed although they are not public. */
  readonly allowedHosts: readonly string[];
};

/** The variable an operator sets to allow a private or loopback proxy host. */
export const ALLOWED_HOSTS_VARIABLE = 'SPENDSYNC_LITELLM_ALLOWED_HOSTS';

function subnets(entries: ReadonlyArray<readonly [string, number]>): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of entries) list.addSubnet(net, prefix, isIP(net) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

/** Link-local ranges (AWS/GCP/Azure metadata at 169.254.169.254, AWS's IPv6 fd00:ec2::254). */
const METADATA = subnets([
  ['169.254.0.0', 16],
  ['fe80::', 10],
  ['fd00:ec2::254', 128],
]);

/** Loopback, private, CGNAT, unique-local, multicast and reserved ranges. */
const NOT_PUBLIC = subnets([
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['ff00::', 8],
]);

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** `::ffff:127.0.0.1` is 127.0.0.1. */
function unmapped(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/** A policy's allowed entries, split once into names and ranges. */
export type CompiledOutboundPolicy = {
  readonly allowPrivate: boolean;
  readonly names: ReadonlySet<string>;
  readonly ranges: BlockList;
};

/** Compiles a policy; entries are host names, addresses or `address/prefix` ranges. */
export function compileOutboundPolicy(policy: OutboundPolicy): CompiledOutboundPolicy {
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const raw of policy.allowedHosts) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    const [address = '', prefix] = entry.split('/');
    if (isIP(address) !== 0) {
      const ip = prefix === undefined ? unmapped(address) : address;
      const bits = prefix === undefined ? (isIP(ip) === 6 ? 128 : 32) : Number(prefix);
      ranges.addSubnet(ip, bits, family(ip));
    } else if (entry !== '') {
      names.add(entry);
    }
  }
  return { allowPrivate: policy.allowPrivate, names, ranges };
}

/**
 * Why a call to `hostname`, connecting to `address`, is refused; undefined when it may go.
 * The message says what the operator can do and never contains a credential.
 */
export function outboundRefusal(hostname: string, address: string, policy: CompiledOutboundPolicy): string | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const ip = unmapped(address);
  if (isIP(ip) === 0) return `${host} did not resolve to an IP address`;
  if (METADATA.check(ip, family(ip))) {
    return `${host} is a link-local or cloud metadata address (${ip}); spendsync never calls those`;
  }
  if (!NOT_PUBLIC.check(ip, family(ip))) return undefined;
  if (policy.allowPrivate || policy.names.has(host) || policy.ranges.check(ip, family(ip))) return undefined;
  return (
    `${host} is a loopback or private address (${ip}); if a LiteLLM proxy of yours runs there, ` +
    `add ${host === ip ? ip : host} to ${ALLOWED_HOSTS_VARIABLE}`
  );
}
