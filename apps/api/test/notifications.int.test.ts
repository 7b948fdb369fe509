import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { createDeliveryWorker, MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../src/features/notifications/delivery-worker';
import { createDeliveryLogService } from '../src/features/notifications/delivery-log.service';
import { createNotificationChannelService } from '../src/features/notifications/notification-channel.service';
import { verifyWebhookSignature } from '../src/features/notifications/webhook-signature';
import { Organization } from '../src/features/organizations/organization.entity';
import { createCredentialCipher } from '../src/features/provider-accounts/credential-cipher';
import { createLogger } from '../src/logger';
import { openTestDataSource } from './test-data-source';

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A local receiver answering `status` (or never, for 'hang'). */
async function receiver(
  status: number | 'hang',
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (status !== 'hang') res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('notification deliveries (real PostgreSQL, HTTP and SMTP servers)', () => {
  let ds: DataSource;
  let organizationId: string;
  // Years ahead: deliveries queued here are not due yet for the real-time workers of other test files sharing the database.
  let clock = new Date('2031-03-01T10:00:00Z');
  const cipher = createCredentialCipher(Buffer.alloc(32, 3));
  const channels = () => createNotificationChannelService({ pool: pgPoolOf(ds), cipher, allowCustomEndpoints: true });
  const worker = (smtp?: { url: string; from: string }) =>
    createDeliveryWorker({
      pool: pgPoolOf(ds),
      channels: channels(),
      logger: createLogger('silent'),
      now: () => clock,
      organizationId,
      sender: {
        allowCustomEndpoints: true,
        publicUrl: 'https://spend.example.com',
        timeoutMs: 300,
        ...(smtp ? { smtp } : {}),
      },
    });
  const log = (channelId: string) => createDeliveryLogService(pgPoolOf(ds)).list(organizationId, { channelId });

  beforeAll(async () => {
    ds = await openTestDataSource();
    organizationId = (await ds.getRepository(Organization).save({ name: 'notify' })).id;
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('sends a signed webhook that the README verification accepts, and never sends the secret', async () => {
    const hook = await receiver(204);
    const { channel, secret } = await channels().create(organizationId, {
      kind: 'webhook',
      name: 'ops',
      url: hook.url,
    });
    await channels().queueTest(organizationId, channel.id, clock);
    expect(await worker().processDue()).toBe(1);
    const [got] = hook.received;
    const header = String(got!.headers['x-spendsync-signature']);
    expect(verifyWebhookSignature(header, got!.body, secret!, clock.getTime() / 1000)).toBe(true);
    expect(verifyWebhookSignature(header, `${got!.body} `, secret!, clock.getTime() / 1000)).toBe(false);
    expect(verifyWebhookSignature(header, got!.body, secret!, clock.getTime() / 1000 + 3600)).toBe(false); // replayed an hour later
    expect(JSON.stringify(got)).not.toContain(secret!);
    expect(JSON.parse(got!.body)).toMatchObject({ type: 'test', channel: { id: channel.id } });
    const [delivery] = await log(channel.id);
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      attemptLog: [{ attempt: 1, statusCode: 204, error: null }],
    });
    // Rotating the secret: the old one no longer verifies the next event.
    const rotated = await channels().rotateSecret(organizationId, channel.id);
    await channels().queueTest(organizationId, channel.id, clock);
    await worker().processDue();
    const next = hook.received[1]!;
    expect(
      verifyWebhookSignature(String(next.headers['x-spendsync-signature']), next.body, secret!, clock.getTime() / 1000),
    ).toBe(false);
    expect(
      verifyWebhookSignature(
        String(next.headers['x-spendsync-signature']),
        next.body,
        rotated.secret,
        clock.getTime() / 1000,
      ),
    ).toBe(true);
    await hook.close();
  });

  it('retries a 500 with exponential backoff, logs each try, and gives up after the last', async () => {
    const hook = await receiver(500);
    const { channel } = await channels().create(organizationId, { kind: 'webhook', name: 'flaky', url: hook.url });
    await channels().queueTest(organizationId, channel.id, clock);
    const w = worker();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await w.processDue()).toBe(1);
      expect(await w.processDue()).toBe(0); // not due again before its backoff
      clock = new Date(clock.getTime() + (RETRY_DELAYS_MS[i] ?? 0));
    }
    expect(hook.received).toHaveLength(MAX_ATTEMPTS);
    const [delivery] = await log(channel.id);
    expect(delivery!.status).toBe('failed');
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual(Array(MAX_ATTEMPTS).fill(500));
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(6);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(55 * 60_000);
    await hook.close();
  });

  it('gives up at once on 410 Gone', async () => {
    const hook = await receiver(410);
    const { channel } = await channels().create(organizationId, { kind: 'slack', name: 'gone', url: hook.url });
    await channels().queueTest(organizationId, channel.id, clock);
    await worker().processDue();
    expect(await log(channel.id)).toMatchObject([{ status: 'failed', attempts: 1, attemptLog: [{ statusCode: 410 }] }]);
    await hook.close();
  });

  it('gives up on a receiver that hangs within the timeout and schedules a retry', async () => {
    const hook = await receiver('hang');
    const { channel } = await channels().create(organizationId, { kind: 'webhook', name: 'hangs', url: hook.url });
    await channels().queueTest(organizationId, channel.id, clock);
    const started = Date.now();
    await worker().processDue();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await log(channel.id)).toMatchObject([
      {
        status: 'pending',
        attempts: 1,
        attemptLog: [{ statusCode: null, error: 'The receiver did not answer in time.' }],
      },
    ]);
    await hook.close();
  });

  it('sends a Slack message with a link back to the Overview', async () => {
    const hook = await receiver(200);
    const { channel, secret } = await channels().create(organizationId, {
      kind: 'slack',
      name: 'slack',
      url: `${hook.url}/T000/B000/XXXXsecret`,
    });
    expect(secret).toBeNull();
    expect(channel.targetHint).not.toContain('XXXXsecret');
    await channels().queueTest(organizationId, channel.id, clock);
    await worker().processDue();
    const message = JSON.parse(hook.received[0]!.body);
    expect(message.text).toContain('test event');
    expect(message.blocks[1].elements[0].url).toBe('https://spend.example.com/overview');
    await hook.close();
  });

  it('sends email through a real SMTP server, and says email is not configured without one', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => {
          data += c.toString();
        });
        stream.on('end', () => {
          mails.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const { channel } = await channels().create(organizationId, {
      kind: 'email',
      name: 'mail',
      emailTo: ['finance@example.com'],
    });
    await channels().queueTest(organizationId, channel.id, clock);
    await worker().processDue();
    expect(await log(channel.id)).toMatchObject([
      { status: 'pending', attemptLog: [{ error: expect.stringContaining('not configured') }] },
    ]);
    clock = new Date(clock.getTime() + RETRY_DELAYS_MS[0]);
    await worker({ url: `smtp://127.0.0.1:${port}`, from: 'spendsync <alerts@example.com>' }).processDue();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('finance@example.com');
    expect(mails[0]).toContain('spendsync test event');
    expect((await log(channel.id))[0]!.status).toBe('succeeded');
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends each delivery once when two workers (two processes) poll at the same time', async () => {
    const hook = await receiver(200);
    const { channel } = await channels().create(organizationId, { kind: 'webhook', name: 'shared', url: hook.url });
    for (let i = 0; i < 6; i++) await channels().queueTest(organizationId, channel.id, clock);
    const [a, b] = await Promise.all([worker().processDue(), worker().processDue()]);
    expect(a + b).toBe(6);
    expect(hook.received).toHaveLength(6);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(6);
    expect((await log(channel.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
    await hook.close();
  });

  it('refuses non-HTTPS and private URLs unless custom endpoints are allowed', async () => {
    const strict = createNotificationChannelService({ pool: pgPoolOf(ds), cipher, allowCustomEndpoints: false });
    for (const url of [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'not a url',
    ]) {
      await expect(strict.create(organizationId, { kind: 'webhook', name: 'bad', url })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'url' },
      });
    }
  });
});
