import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anomalies routed to notification channels (issue 16): a channel with an `anomaly_min_severity`
 * receives each new anomaly of its organization at that severity or above; NULL (the default)
 * receives none. Deleting the channel removes the route with it.
 */
export class AnomalyNotificationRoutes1797000000000 implements MigrationInterface {
  name = 'AnomalyNotificationRoutes1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_channels ADD COLUMN anomaly_min_severity text`);
    await q.query(`ALTER TABLE notification_channels ADD CONSTRAINT notification_channels_anomaly_min_severity_check
      CHECK (anomaly_min_severity IN ('medium', 'high', 'critical'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_channels DROP COLUMN anomaly_min_severity`);
  }
}
