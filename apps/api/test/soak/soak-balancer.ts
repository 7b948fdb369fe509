import http from 'node:http';
import net from 'node:net';

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/** A local load balancer in front of the API processes, as a deployment has one. */
export type SoakBalancer = { readonly port: number; close(): Promise<void> };

/**
 * Round-robin HTTP and WebSocket proxy over `ports` on 127.0.0.1. A request whose backend
 * refuses the connection or resets it before answering (a killed process) is retried on the
 * next one, as a load balancer's passive health check does (the suite's requests are queries,
 * and refreshes that are idempotent); one whose answer had started is not (its client sees the error). WebSockets are piped to one backend and closed with it.
 */
export async function startSoakBalancer(ports: readonly number[]): Promise<SoakBalancer> {
  let next = 0;
  const pick = () => ports[next++ % ports.length]!;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (left: number) => {
        const upstream = http.request(
          { host: '127.0.0.1', port: pick(), method: req.method, path: req.url, headers: req.headers, agent },
          (response) => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
            response.on('error', () => res.destroy());
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          // Refused (the process is gone) or reset before any answer (a kept-alive socket to a process
          // that was killed): the request did not run to an answer there, so try the next backend.
          if (RETRYABLE.has(error.code ?? '') && left > 1 && !res.headersSent) return attempt(left - 1);
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway');
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(ports.length + 1);
    });
  });
  const piped = new Set<net.Socket>();
  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => undefined);
    piped.add(client);
    client.on('close', () => piped.delete(client));
    const attempt = (left: number) => {
      const upstream = net.connect(pick(), '127.0.0.1');
      upstream.once('connect', () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client).pipe(upstream);
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && left > 1 && !upstream.readyState.startsWith('open')) attempt(left - 1);
        else client.destroy();
      });
    };
    attempt(ports.length);
  });
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of piped) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
