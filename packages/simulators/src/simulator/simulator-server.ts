import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseDay, formatMoney, type DayRange } from '@spendsync/domain';
import { createFaultState, type FaultController, type FaultSpec, type FaultState } from './faults';
import type { GroundTruth, SimCall } from './provider-simulator';

/** A request as a simulator route sees it. */
export type SimRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON or form body; undefined when empty. */
  body: unknown;
  rawBody: string;
};

/** A simulator route's answer. `body` is sent as JSON unless `text` is given. */
export type SimResponse = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

export type SimulatorServerOptions = {
  /** The provider's own error envelope, used for injected faults. */
  errorBody(status: number, message: string): unknown;
  /** Headers a 429 carries; default `Retry-After`. */
  rateLimitHeaders?(retryAfterSeconds: number | null): Record<string, string>;
  /** Content type of JSON answers; default application/json. */
  contentType?: string;
  handle(request: SimRequest, context: { faults: FaultState; baseUrl: string }): SimResponse | Promise<SimResponse>;
  /** Ground truth for `GET /__simulator/ground-truth?from=YYYY-MM-DD&to=YYYY-MM-DD` (to exclusive). */
  groundTruth(range: DayRange): GroundTruth;
  host?: string;
  port?: number;
  /** Serve HTTPS with this key and certificate (Azure's SDK refuses plain HTTP). */
  tls?: { key: string; cert: string };
};

export type SimulatorServer = {
  readonly url: string;
  readonly faults: FaultController;
  readonly calls: SimCall[];
  close(): Promise<void>;
};

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function readRequest(req: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://simulator');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: parseBody(rawBody, req.headers['content-type']),
    rawBody,
  };
}

function controlRoute(
  request: SimRequest,
  options: SimulatorServerOptions,
  faults: FaultState,
): SimResponse | undefined {
  if (!request.path.startsWith('/__simulator/')) return undefined;
  if (request.path === '/__simulator/ground-truth') {
    try {
      const range = { start: parseDay(request.query.get('from') ?? ''), end: parseDay(request.query.get('to') ?? '') };
      const truth = options.groundTruth(range);
      return {
        status: 200,
        body: {
          from: range.start,
          to: range.end,
          cost: formatMoney(truth.cost),
          credits: formatMoney(truth.credits),
          net: formatMoney(truth.cost.sub(truth.credits)),
        },
      };
    } catch (error) {
      return { status: 400, body: { error: (error as Error).message } };
    }
  }
  if (request.path === '/__simulator/faults' && request.method === 'POST') {
    const spec = (request.body ?? {}) as FaultSpec & { path?: string };
    faults.set({ ...spec, path: typeof spec.path === 'string' ? new RegExp(spec.path) : undefined });
    return { status: 204 };
  }
  return { status: 404, body: { error: 'unknown simulator control route' } };
}

/**
 * Starts a local HTTP(S) server for one provider simulator on 127.0.0.1 (random port by default).
 * Injected faults are applied here, before the provider's own routes, using its error envelope.
 */
export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const faults = createFaultState();
  const calls: SimCall[] = [];
  // Held-back answers (slowMs) must not keep the process alive after close.
  const timers = new Set<NodeJS.Timeout>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const contentType = options.contentType ?? 'application/json';
  let baseUrl = '';

  const send = (res: ServerResponse, answer: SimResponse) => {
    const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    res.writeHead(answer.status, { ...(text ? { 'content-type': contentType } : {}), ...answer.headers });
    res.end(text);
  };

  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    let request: SimRequest | undefined;
    try {
      request = await readRequest(req);
      const control = controlRoute(request, options, faults);
      if (control) return send(res, control);
      const delay = faults.delayFor(request.path);
      if (delay > 0) await pause(delay);
      const fault = faults.decide(request.path);
      let answer: SimResponse;
      if (fault.kind === 'rate-limit') {
        const headers =
          options.rateLimitHeaders?.(fault.retryAfterSeconds) ??
          (fault.retryAfterSeconds === null ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
        answer = { status: 429, body: options.errorBody(429, 'Rate limit exceeded'), headers };
      } else if (fault.kind === 'server-error') {
        answer = {
          status: fault.status,
          body: options.errorBody(fault.status, 'The server had an error while processing your request'),
        };
      } else if (fault.kind === 'malformed') {
        answer = { status: 200, text: '{"data":[{"object":"bucket","start_time":' };
      } else {
        answer = await options.handle(request, { faults, baseUrl });
      }
      calls.push({ method: request.method, path: request.path, status: answer.status });
      send(res, answer);
    } catch (error) {
      calls.push({ method: request?.method ?? '?', path: request?.path ?? '?', status: 500 });
      send(res, { status: 500, body: options.errorBody(500, `simulator error: ${(error as Error).message}`) });
    }
  };

  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: baseUrl,
    faults,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
