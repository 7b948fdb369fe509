import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent } from 'undici';
import { compileOutboundPolicy, outboundRefusal, type OutboundPolicy } from './outbound-policy';
import { OutboundRefusedError } from './outbound-refused-error';

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;
type LookupOptions = { all?: boolean; family?: number | string; hints?: number };

/** RequestInit as Node's fetch takes it, with undici's dispatcher. */
type DispatchingInit = RequestInit & { dispatcher?: Agent };

/**
 * `fetch` for provider calls that only connects where `policy` allows. The check runs on the
 * address the socket actually connects to (a resolver hook inside the connection), so a name
 * that resolves to a public address when checked and to 127.0.0.1 when used (DNS rebinding)
 * is refused too. Redirects are never followed.
 */
export function createGuardedFetch(policy: OutboundPolicy, baseFetch: typeof fetch = globalThis.fetch): typeof fetch {
  const compiled = compileOutboundPolicy(policy);
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(
      hostname,
      { all: true, family: Number(options.family ?? 0) || 0, hints: options.hints },
      (error, addresses) => {
        if (error) return callback(error, []);
        const refused = addresses
          .map((a) => outboundRefusal(hostname, a.address, compiled))
          .find((r) => r !== undefined);
        if (refused) return callback(new OutboundRefusedError(refused), []);
        if (options.all) return callback(null, addresses);
        const [first] = addresses;
        return first
          ? callback(null, first.address, first.family)
          : callback(new OutboundRefusedError(`${hostname} did not resolve`), []);
      },
    );
  };
  const dispatcher = new Agent({ connect: { lookup } });

  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An address literal never goes through the resolver, so it is checked here.
    if (isIP(host) !== 0) {
      const refused = outboundRefusal(host, host, compiled);
      if (refused) throw new OutboundRefusedError(refused);
    }
    const guarded: DispatchingInit = { ...init, redirect: 'manual', dispatcher };
    return baseFetch(input, guarded);
  };
}
