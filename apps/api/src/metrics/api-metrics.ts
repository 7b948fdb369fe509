import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One API process's Prometheus metrics, in a registry of its own (never prom-client's global
 * one), so several servers in one process (tests) never share or collide on a metric.
 * Labels are bounded sets: a provider id, a run status, an operation type; never an
 * organization, account or operation name.
 */
export type ApiMetrics = {
  readonly registry: Registry;
  /** `spendsync_sync_runs_total{provider,status}`: runs closed by this process (succeeded, partial, failed). */
  readonly syncRuns: Counter<'provider' | 'status'>;
  /** `spendsync_sync_records_written_total{provider}`: cost records written by the runs this process closed. */
  readonly recordsWritten: Counter<'provider'>;
  /** `spendsync_graphql_request_duration_seconds{operation,outcome}`: HTTP GraphQL requests, from receipt to response. */
  readonly graphqlDuration: Histogram<'operation' | 'outcome'>;
  /** `spendsync_graphql_ws_connections`: WebSocket connections open on /graphql right now. */
  readonly wsConnections: Gauge;
};

/** Options of {@link createApiMetrics}. */
export type ApiMetricsOptions = {
  /** Also collect prom-client's default process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
};

/** GraphQL latency buckets in seconds: dashboards answer in tens of milliseconds, exports and syncs are not GraphQL. */
const GRAPHQL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates the metrics of one API process, registered in a new registry. */
export function createApiMetrics(options: ApiMetricsOptions = {}): ApiMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    syncRuns: new Counter({
      name: 'spendsync_sync_runs_total',
      help: 'Sync runs closed by this process, by provider and final status.',
      labelNames: ['provider', 'status'],
      registers: [registry],
    }),
    recordsWritten: new Counter({
      name: 'spendsync_sync_records_written_total',
      help: 'Cost records written by the sync runs this process closed, by provider.',
      labelNames: ['provider'],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'spendsync_graphql_request_duration_seconds',
      help: 'GraphQL requests over HTTP, by operation type and outcome (ok or error).',
      labelNames: ['operation', 'outcome'],
      buckets: GRAPHQL_BUCKETS,
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'spendsync_graphql_ws_connections',
      help: 'WebSocket connections open on /graphql (graphql-ws).',
      registers: [registry],
    }),
  };
}
