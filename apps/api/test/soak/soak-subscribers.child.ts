/**
 * The graphql-ws subscribers of the soak suite, in their own process (so 1,000 sockets do not
 * slow the suite's load generator): each signs in with one of the given API tokens, subscribes
 * to every account's sync progress, reconnects on retryable closes, and notes the terminal
 * events and the close codes it saw. Talks to the parent over IPC (see SubscribersReport).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What the parent sends first. */
export type SubscribersSetup = { url: string; tokens: string[]; subscribers: number };

/** How the subscribers fared, given the runs whose final event each should have seen. */
export type SubscribersReport = {
  subscribers: number;
  /** Received the terminal event of every final run. */
  gotFinal: number;
  /** Missed some, but their last close was one a client resumes from (a retryable close, still retrying). */
  resumable: number;
  /** Missed some and gave up (a fatal close or error), or were closed as signed out though they were not. */
  lost: number;
  /** Every close the subscribers saw, by code. */
  closes: Record<string, number>;
  reconnects: number;
  /** Subscriptions started again after a SERVICE_UNAVAILABLE answer. */
  resubscribes: number;
  sampleErrors: string[];
};

export type SubscribersMessage = { kind: 'ready'; connected: number } | { kind: 'report'; report: SubscribersReport };

const QUERY = 'subscription { spendsyncSyncRunProgressed { runId providerAccountId status phase } }';
const TERMINAL = new Set(['SUCCEEDED', 'PARTIAL', 'FAILED']);
/** Closes that say the credential ended or the server failed: never right for a valid token. */
const UNCLEAN = new Set([4403, 4401, 4500, 4429]);

type Subscriber = {
  client: Client;
  finished: Set<string>;
  lastClose: number | null;
  connects: number;
  failed: string | null;
  unclean: boolean;
  resubscribes: number;
};

function start(setup: SubscribersSetup): void {
  const subscribers: Subscriber[] = [];
  const closes: Record<string, number> = {};
  let connected = 0;
  let readySent = false;
  for (let i = 0; i < setup.subscribers; i += 1) {
    const sub: Subscriber = {
      finished: new Set(),
      lastClose: null,
      connects: 0,
      failed: null,
      unclean: false,
      resubscribes: 0,
      client: createClient({
        url: setup.url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${setup.tokens[i % setup.tokens.length]}` },
        retryAttempts: 1_000,
        retryWait: () => new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1_500)),
        shouldRetry: () => true,
        on: {
          connected: () => {
            sub.connects += 1;
            if (sub.connects === 1 && ++connected === setup.subscribers && !readySent) {
              readySent = true;
              process.send!({ kind: 'ready', connected } satisfies SubscribersMessage);
            }
          },
          closed: (event) => {
            const code = (event as { code?: number }).code ?? 0;
            closes[code] = (closes[code] ?? 0) + 1;
            sub.lastClose = code;
            if (UNCLEAN.has(code)) sub.unclean = true;
          },
        },
      }),
    };
    subscribers.push(sub);
    const subscribe = () =>
      sub.client.subscribe<{ spendsyncSyncRunProgressed: { runId: string; status: string } }>(
        { query: QUERY },
        {
          next: ({ data }) => {
            const event = data?.spendsyncSyncRunProgressed;
            if (event && TERMINAL.has(event.status)) sub.finished.add(event.runId);
          },
          error: (error) => {
            // SERVICE_UNAVAILABLE (the database is down): the operation failed, the socket stays; subscribe again.
            const codes = Array.isArray(error)
              ? error.map((e: { extensions?: { code?: string } }) => e.extensions?.code)
              : [];
            if (codes.length > 0 && codes.every((code) => code === 'SERVICE_UNAVAILABLE')) {
              sub.resubscribes += 1;
              setTimeout(subscribe, 1_000);
              return;
            }
            sub.failed = error instanceof Error ? error.message : JSON.stringify(error).slice(0, 300);
          },
          complete: () => undefined,
        },
      );
    subscribe();
  }
  process.on('message', async (message: { kind: string; runIds?: string[] }) => {
    if (message.kind !== 'finish') return;
    const runIds = message.runIds ?? [];
    const report: SubscribersReport = {
      subscribers: subscribers.length,
      gotFinal: 0,
      resumable: 0,
      lost: 0,
      closes,
      reconnects: 0,
      resubscribes: 0,
      sampleErrors: [],
    };
    for (const sub of subscribers) {
      report.reconnects += Math.max(0, sub.connects - 1);
      report.resubscribes += sub.resubscribes;
      if (sub.failed && report.sampleErrors.length < 5) report.sampleErrors.push(sub.failed);
      if (sub.unclean) report.lost += 1;
      else if (runIds.every((id) => sub.finished.has(id))) report.gotFinal += 1;
      else if (!sub.failed) report.resumable += 1;
      else report.lost += 1;
    }
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    process.send!({ kind: 'report', report } satisfies SubscribersMessage, undefined, {}, () => process.exit(0));
  });
}

process.once('message', (setup: SubscribersSetup) => start(setup));
