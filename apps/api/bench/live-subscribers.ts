/**
 * The client side of bench:live, in its own process so the clients' work does not slow the
 * server being measured: opens the WebSockets, subscribes, and reports receipt times (epoch ms,
 * sub-millisecond, comparable with the parent's clock) to the parent over IPC.
 */
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * What the parent sends first. Subscriber i connects to `urls[i % urls.length]` (one per API
 * process) signed in with `tokens[floor(i / perToken)]` (a caller may hold only so many sockets).
 */
export type SubscribersSetup = {
  urls: string[];
  tokens: string[];
  perToken: number;
  accountId: string;
  subscribers: number;
  query: string;
};

/** Messages to the parent. */
export type SubscribersMessage =
  | { kind: 'ready' }
  | { kind: 'received'; n: number }
  | { kind: 'times'; times: [number, number][] }
  | { kind: 'failed'; error: string };

const epochNow = () => performance.timeOrigin + performance.now();
const send = (message: SubscribersMessage, sent?: () => void) => process.send!(message, undefined, {}, () => sent?.());

function start(setup: SubscribersSetup): void {
  const clients: Client[] = [];
  const times: [number, number][] = [];
  const counts = new Map<number, number>();
  let live = 0;
  for (let i = 0; i < setup.subscribers; i += 1) {
    const client = createClient({
      url: setup.urls[i % setup.urls.length]!,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${setup.tokens[Math.floor(i / setup.perToken)]}` },
    });
    clients.push(client);
    let warm = false;
    client.subscribe<{ syncRunProgressed: { daysDone: number } }>(
      { query: setup.query, variables: { id: setup.accountId } },
      {
        next: ({ data }) => {
          const at = epochNow();
          const n = data!.syncRunProgressed.daysDone;
          if (n === 0) {
            if (!warm && ++live === setup.subscribers) send({ kind: 'ready' });
            warm = true;
            return;
          }
          times.push([n, at]);
          const count = (counts.get(n) ?? 0) + 1;
          counts.set(n, count);
          if (count === setup.subscribers) send({ kind: 'received', n });
        },
        error: (error) => {
          const close = error as { code?: number; reason?: string; message?: string };
          const why =
            error instanceof Error
              ? error.message
              : close.code !== undefined
                ? `connection closed ${close.code} ${close.reason ?? ''}`
                : (close.message ?? JSON.stringify(error));
          send({ kind: 'failed', error: `subscriber ${i}: ${why}` });
        },
        complete: () => undefined,
      },
    );
  }
  process.on('message', async (message: { kind: string }) => {
    if (message.kind !== 'finish') return;
    await Promise.all(clients.map((c) => c.dispose()));
    // Exit only once the (large) message is handed over: exiting earlier can drop it.
    send({ kind: 'times', times }, () => process.exit(0));
  });
}

process.once('message', (setup: SubscribersSetup) => start(setup));
