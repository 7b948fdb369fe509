import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { WebSocketServer } from 'ws';
import type { ApiMetrics } from './api-metrics';

/**
 * An Apollo plugin timing every HTTP GraphQL request from receipt to the response being sent,
 * labelled by operation type (`query`, `mutation`, `subscription`, or `unknown` when the
 * document did not parse or name a runnable operation) and outcome (`error` when the response
 * carries errors). Operation names are left out: the client chooses them, so they are unbounded.
 */
export function createGraphqlMetricsPlugin<TContext extends BaseContext>(
  metrics: Pick<ApiMetrics, 'graphqlDuration'>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operation, response }) {
          const body = response.body;
          const hasErrors = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) > 0 : false;
          stop({ operation: operation?.operation ?? 'unknown', outcome: hasErrors ? 'error' : 'ok' });
        },
      };
    },
  };
}

/** Keeps `wsConnections` at the number of WebSocket connections open on `wss`. */
export function trackWebSocketConnections(wss: WebSocketServer, metrics: Pick<ApiMetrics, 'wsConnections'>): void {
  wss.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });
}
