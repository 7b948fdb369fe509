import type pg from 'pg';
import type { RowOf } from '../../database/entity-row';
import type { AppLogger } from '../../logger';
import type { NotificationChannelService } from './notification-channel.service';
import type { NotificationDelivery } from './notification-delivery.entity';
import { sendNotification, type SenderDeps, type SendOutcome } from './send-notification';

/** Waits after failed tries 1…6 (1, 2, 4, 8, 16, 30 min): 7 tries over about an hour, then the delivery is given up. */
export const RETRY_DELAYS_MS = [60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** A delivery due now; every payload names its event `type`. */
type DueRow = RowOf<
  NotificationDelivery,
  'id' | 'organizationId' | 'channelId' | 'attempts' | 'payload',
  {
    payload: Record<string, unknown> & { type: string };
  }
>;

/** How the worker is built. */
export type DeliveryWorkerDeps = {
  pool: pg.Pool;
  channels: NotificationChannelService;
  sender: SenderDeps;
  logger: AppLogger;
  now?: () => Date;
  /** Only this organization's deliveries (tests sharing one database); default every organization's. */
  organizationId?: string;
  /** Deliveries sent per `processDue` call at most (the rest wait for the next). */
  batch?: number;
};

/**
 * Sends queued deliveries. Any process may run one: each due row is claimed with
 * SELECT … FOR UPDATE SKIP LOCKED, so two processes never send the same try. Each try is logged
 * (status code, latency, error); a failure is retried after {@link RETRY_DELAYS_MS}, a 410 or the
 * last try gives up.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;

  async function attempt(client: pg.PoolClient, row: DueRow): Promise<void> {
    const started = performance.now();
    let outcome: SendOutcome;
    try {
      const channel = await deps.channels.withConfig(row.organization_id, row.channel_id);
      outcome = await sendNotification(channel, row.payload, { ...deps.sender, now });
    } catch {
      outcome = { ok: false, statusCode: null, error: 'The channel could not be read.', permanent: true };
    }
    const latencyMs = Math.round(performance.now() - started);
    const tries = row.attempts + 1;
    const giveUp = !outcome.ok && (outcome.permanent || tries >= MAX_ATTEMPTS);
    const status = outcome.ok ? 'succeeded' : giveUp ? 'failed' : 'pending';
    const next = new Date(now().getTime() + (outcome.ok || giveUp ? 0 : RETRY_DELAYS_MS[tries - 1]!));
    await client.query(
      'INSERT INTO notification_delivery_attempts (delivery_id, attempt, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5)',
      [row.id, tries, outcome.statusCode, latencyMs, outcome.error],
    );
    await client.query(
      `UPDATE notification_deliveries SET attempts = $2, status = $3, next_attempt_at = $4, last_error = $5,
         completed_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END WHERE id = $1`,
      [row.id, tries, status, next, outcome.error],
    );
    deps.logger.info(
      { deliveryId: row.id, attempt: tries, status, statusCode: outcome.statusCode, latencyMs },
      'Notification delivery attempt',
    );
  }

  /** Claims and sends one due delivery; false when none is due. */
  async function processOne(): Promise<boolean> {
    const client = await deps.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<DueRow>(
        `SELECT id, organization_id, channel_id, payload, attempts FROM notification_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 AND ($2::uuid IS NULL OR organization_id = $2)
         ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now(), deps.organizationId ?? null],
      );
      if (!rows[0]) {
        await client.query('COMMIT');
        return false;
      }
      await attempt(client, rows[0]);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function drain(): Promise<number> {
    let sent = 0;
    do {
      again = false;
      while (sent < (deps.batch ?? 100) && (await processOne())) sent++;
    } while (again && sent < (deps.batch ?? 100));
    return sent;
  }

  return {
    /** Sends what is due now (one call at a time per process; a call during one makes it go round again). */
    processDue(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = drain().finally(() => {
        running = null;
      });
      return running;
    },
    /** Polls every `intervalMs` (retries come due while nothing else happens). */
    start(intervalMs = 5_000): void {
      timer ??= setInterval(() => {
        this.processDue().catch((err: unknown) =>
          deps.logger.error({ err: String(err) }, 'Sending notifications failed; retrying at the next poll'),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

/** The delivery worker (see {@link createDeliveryWorker}). */
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;

/**
 * Sends what is due now, without waiting (the `onDeliveriesQueued` of budget and runway alerts);
 * a failure is logged and left to the worker's poll.
 */
export function kickDeliveryWorker(worker: DeliveryWorker, logger: Pick<AppLogger, 'warn'>): () => void {
  return () =>
    void worker
      .processDue()
      .catch((err: unknown) => logger.warn({ err: String(err) }, 'Sending notifications failed; the poll retries'));
}
