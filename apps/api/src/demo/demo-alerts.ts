import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiServices } from '../services';
import { describeEvent } from '../features/notifications/send-notification';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../features/notifications/webhook-signature';

/** The demo's budgets: both cross their first thresholds once the simulated history is synced. */
export const DEMO_BUDGETS = [
  { name: 'Whole organization (monthly)', amount: '250', period: { kind: 'month' } },
  {
    name: 'OpenAI and Anthropic (quarterly)',
    amount: '400',
    period: { kind: 'quarter' },
    scope: { providers: ['openai', 'anthropic'] },
  },
] as const;

/** The demo's local webhook receiver and what it has received. */
export type DemoAlerts = { receiverUrl: string; channelId: string; received: string[]; stop(): Promise<void> };

/**
 * A local webhook receiver (it checks each signature as a real one would), a webhook channel of
 * the demo organization pointing at it, and two budgets; `onAlert` hears each verified event.
 */
export async function startDemoAlerts(
  services: ApiServices,
  organizationId: string,
  onAlert: (line: string) => void,
): Promise<DemoAlerts> {
  const received: string[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const valid = verifyWebhookSignature(
        String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''),
        body,
        secret,
        Math.floor(Date.now() / 1000),
      );
      res.writeHead(valid ? 204 : 401).end();
      if (!valid) return;
      const line = describeEvent(JSON.parse(body) as { type: string });
      received.push(line);
      onAlert(line);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/spendsync-alerts`;
  const created = await services.channels.create(organizationId, {
    kind: 'webhook',
    name: 'Demo webhook receiver',
    url: receiverUrl,
  });
  secret = created.secret!;
  for (const budget of DEMO_BUDGETS) await services.budgets.create(organizationId, budget);
  // Runs that finished before the budgets existed are covered now; later ones evaluate as they commit.
  await services.budgetEvaluator.evaluateOrganization(organizationId);
  return {
    receiverUrl,
    channelId: created.channel.id,
    received,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
