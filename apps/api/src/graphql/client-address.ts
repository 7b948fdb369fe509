import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` setting (`app.get('trust proxy fn')`). */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client's address as Express computes `req.ip`, for requests Express never sees (the
 * WebSocket upgrade): the connection's address, then X-Forwarded-For from right to left for as
 * long as the hop before it is a trusted proxy.
 */
export function clientAddressOf(req: IncomingMessage, trust: TrustProxy): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let address = req.socket.remoteAddress ?? 'unknown';
  for (let hop = 0; hop < forwarded.length && trust(address, hop); hop += 1)
    address = forwarded[forwarded.length - 1 - hop]!;
  return address;
}
