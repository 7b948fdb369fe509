import http from 'node:http';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { UntypedData } from './support/untyped-data';

type GatewayContext = { authorization?: string; clientAddress?: string };

// The gateway's telemetry probes for a GCP metadata server; keep every request on loopback.
process.env.METADATA_SERVER_DETECTION = 'none';

/** A running @apollo/gateway on 127.0.0.1. */
export type TestGateway = { url: string; stop(): Promise<void> };

/**
 * Starts @apollo/gateway over `subgraphs`, composing what each serves at `_service { sdl }`
 * (as a router does). Like a router behind a load balancer it forwards the client's
 * Authorization and appends the client's address to X-Forwarded-For.
 */
export async function startGateway(subgraphs: { name: string; url: string }[]): Promise<TestGateway> {
  const gateway = new ApolloServer<GatewayContext>({
    gateway: new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({ subgraphs }),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<GatewayContext>({
          url,
          fetcher: fetch as never,
          willSendRequest({ request, context }) {
            if (context.authorization) request.http?.headers.set('authorization', context.authorization);
            if (context.clientAddress) request.http?.headers.set('x-forwarded-for', context.clientAddress);
          },
        }),
    }),
  });
  const { url } = await startStandaloneServer(gateway, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization, clientAddress: req.socket.remoteAddress }),
  });
  return { url, stop: () => gateway.stop() };
}

/** A GraphQL response as the client sees it. */
export type PostResult = {
  status: number;
  body: { data?: UntypedData; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

/** POSTs a GraphQL request from a chosen local address (127.0.0.2, 127.0.0.3…), as distinct clients would. */
export function postFrom(
  localAddress: string,
  url: string,
  payload: object,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
