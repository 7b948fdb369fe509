import type pg from 'pg';
import { columnsOf, type RowOf } from '../../database/entity-row';
import type { NotificationDeliveryAttempt } from './notification-delivery-attempt.entity';
import type { NotificationDelivery } from './notification-delivery.entity';

/** One try as the delivery log shows it. */
export type DeliveryAttemptRecord = Pick<
  NotificationDeliveryAttempt,
  'attempt' | 'statusCode' | 'latencyMs' | 'error' | 'attemptedAt'
>;

/** What the log shows of a delivery, in select order. */
const DELIVERY_FIELDS = [
  'id',
  'channelId',
  'alertEventId',
  'eventType',
  'status',
  'attempts',
  'nextAttemptAt',
  'lastError',
  'createdAt',
  'completedAt',
] as const satisfies readonly (keyof NotificationDelivery)[];
type DeliveryField = (typeof DELIVERY_FIELDS)[number];

/** One delivery with its tries, newest first (the next attempt only while it is pending). */
export type DeliveryRecord = Omit<Pick<NotificationDelivery, DeliveryField>, 'nextAttemptAt'> & {
  nextAttemptAt: Date | null;
  attemptLog: DeliveryAttemptRecord[];
};

/** The tries as the query aggregates them: JSON, so the time arrives as text. */
type AttemptJson = Omit<DeliveryAttemptRecord, 'attemptedAt'> & { attemptedAt: string };
type Row = RowOf<NotificationDelivery, DeliveryField> & { attempt_log: AttemptJson[] };

const COLUMNS = columnsOf<NotificationDelivery>(DELIVERY_FIELDS, {}, 'd');

/** Reads the delivery log of an organization (optionally one channel), newest first. */
export function createDeliveryLogService(pool: pg.Pool) {
  return {
    async list(
      organizationId: string,
      options: { channelId?: string | null; limit?: number } = {},
    ): Promise<DeliveryRecord[]> {
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS}, coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'statusCode', a.status_code, 'latencyMs', a.latency_ms,
             'error', a.error, 'attemptedAt', a.attempted_at) ORDER BY a.attempt DESC) FROM notification_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log
         FROM notification_deliveries d WHERE d.organization_id = $1 AND ($2::uuid IS NULL OR d.channel_id = $2::uuid)
         ORDER BY d.created_at DESC, d.id LIMIT $3`,
        [organizationId, options.channelId ?? null, Math.min(options.limit ?? 100, 500)],
      );
      return rows.map((r) => ({
        id: r.id,
        channelId: r.channel_id,
        alertEventId: r.alert_event_id,
        eventType: r.event_type,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
        lastError: r.last_error,
        createdAt: r.created_at,
        completedAt: r.completed_at,
        attemptLog: r.attempt_log.map((a) => ({ ...a, attemptedAt: new Date(a.attemptedAt) })),
      }));
    },
  };
}

/** The delivery log service. */
export type DeliveryLogService = ReturnType<typeof createDeliveryLogService>;
