import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { fromRow, type RowOf } from '../../database/entity-row';
import { ApiError, notFound } from '../../errors';
import type { CredentialCipher } from '../provider-accounts/credential-cipher';
import { assertPublicHost, parseChannelUrl } from './channel-url';
import { CHANNEL_KINDS, type ChannelKind, type NotificationChannel } from './notification-channel.entity';
import { createChannelSecret } from './webhook-signature';

/** A channel's secret part, encrypted at rest: the URL (a Slack hook URL is itself a secret), the signing secret, the recipients. */
export type ChannelConfig = { url?: string; secret?: string; to?: string[] };

/** A channel as the API shows it (never its URL's secret parts or signing secret). */
const RECORD_FIELDS = [
  'id',
  'organizationId',
  'kind',
  'name',
  'targetHint',
  'createdAt',
] as const satisfies readonly (keyof NotificationChannel)[];
type RecordField = (typeof RECORD_FIELDS)[number];
export type ChannelRecord = Pick<NotificationChannel, RecordField>;

/** A channel with its decrypted config, for the sender only. */
export type ChannelWithConfig = ChannelRecord & { config: ChannelConfig };

const ZChannelInput = z.object({
  kind: z.enum(CHANNEL_KINDS, { error: () => 'A channel is a webhook, slack or email' }),
  name: z.string().trim().min(1, { message: 'Give the channel a name' }).max(200),
  url: z.string().max(2000).nullish(),
  emailTo: z
    .array(z.email({ message: 'Not an email address' }))
    .max(50)
    .nullish(),
});
/** What a client sends to create a channel. */
export type ChannelInput = z.input<typeof ZChannelInput>;

type ChannelRow = RowOf<NotificationChannel, RecordField | 'configEncrypted'>;

const toRecord = (r: ChannelRow): ChannelRecord => fromRow<NotificationChannel, RecordField>(r, RECORD_FIELDS);

function hintOf(kind: ChannelKind, config: ChannelConfig): string {
  if (kind === 'email') return (config.to ?? []).join(', ');
  const url = new URL(config.url!);
  if (kind === 'slack') return `${url.host}/…${url.pathname.slice(-4)}`;
  const path = url.pathname.length > 24 ? `${url.pathname.slice(0, 24)}…` : url.pathname;
  return `${url.protocol}//${url.host}${path}`;
}

function badInput(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'input';
  return new ApiError('BAD_USER_INPUT', `${field}: ${issue.message}`, { field });
}

/** Notification channels of an organization. */
export function createNotificationChannelService(deps: {
  pool: pg.Pool;
  cipher: CredentialCipher;
  allowCustomEndpoints: boolean;
}) {
  const { pool, cipher } = deps;
  const seal = (organizationId: string, config: ChannelConfig) =>
    cipher.encrypt(JSON.stringify(config), organizationId);

  async function row(organizationId: string, id: string): Promise<ChannelRow> {
    const { rows } = /^[0-9a-f-]{36}$/i.test(id)
      ? await pool.query<ChannelRow>(
          'SELECT * FROM notification_channels WHERE organization_id = $1 AND id = $2::uuid',
          [organizationId, id],
        )
      : { rows: [] };
    if (!rows[0]) throw notFound('Notification channel', id);
    return rows[0];
  }

  return {
    async list(organizationId: string): Promise<ChannelRecord[]> {
      const { rows } = await pool.query<ChannelRow>(
        'SELECT * FROM notification_channels WHERE organization_id = $1 ORDER BY name, id',
        [organizationId],
      );
      return rows.map(toRecord);
    },
    async require(organizationId: string, id: string): Promise<ChannelRecord> {
      return toRecord(await row(organizationId, id));
    },
    /** The channel with its decrypted config (the sender's view). */
    async withConfig(organizationId: string, id: string): Promise<ChannelWithConfig> {
      const r = await row(organizationId, id);
      return {
        ...toRecord(r),
        config: JSON.parse(cipher.decrypt(r.config_encrypted, organizationId)) as ChannelConfig,
      };
    },
    /** Creates a channel; a webhook's signing secret is returned here once and never again. */
    async create(
      organizationId: string,
      input: ChannelInput,
    ): Promise<{ channel: ChannelRecord; secret: string | null }> {
      const parsed = ZChannelInput.safeParse(input);
      if (!parsed.success) throw badInput(parsed.error);
      const { kind, name } = parsed.data;
      let config: ChannelConfig;
      if (kind === 'email') {
        if (!parsed.data.emailTo?.length)
          throw new ApiError('BAD_USER_INPUT', 'Give at least one recipient.', { field: 'emailTo' });
        config = { to: parsed.data.emailTo };
      } else {
        const url = parseChannelUrl(parsed.data.url, deps.allowCustomEndpoints);
        await assertPublicHost(url, deps.allowCustomEndpoints);
        config = { url: url.toString(), ...(kind === 'webhook' ? { secret: createChannelSecret() } : {}) };
      }
      const { rows } = await pool.query<ChannelRow>(
        `INSERT INTO notification_channels (organization_id, kind, name, target_hint, config_encrypted) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [organizationId, kind, name, hintOf(kind, config), seal(organizationId, config)],
      );
      return { channel: toRecord(rows[0]!), secret: config.secret ?? null };
    },
    /** A new signing secret for a webhook (returned once); the old one stops working at once. */
    async rotateSecret(organizationId: string, id: string): Promise<{ channel: ChannelRecord; secret: string }> {
      const current = await this.withConfig(organizationId, id);
      if (current.kind !== 'webhook')
        throw new ApiError('BAD_USER_INPUT', 'Only webhook channels have a signing secret.', { field: 'id' });
      const secret = createChannelSecret();
      const { rows } = await pool.query<ChannelRow>(
        'UPDATE notification_channels SET config_encrypted = $3, updated_at = now() WHERE organization_id = $1 AND id = $2 RETURNING *',
        [organizationId, id, seal(organizationId, { ...current.config, secret })],
      );
      return { channel: toRecord(rows[0]!), secret };
    },
    async delete(organizationId: string, id: string): Promise<boolean> {
      await row(organizationId, id);
      const result = await pool.query('DELETE FROM notification_channels WHERE organization_id = $1 AND id = $2', [
        organizationId,
        id,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    /** Queues a test event to the channel (sent like any alert, logged in its delivery log); returns the delivery id. */
    async queueTest(organizationId: string, id: string, now: Date): Promise<string> {
      const channel = await row(organizationId, id);
      const payload = {
        type: 'test',
        id: randomUUID(),
        organizationId,
        channel: { id: channel.id, name: channel.name },
        message: 'A test event from spendsync.',
        sentAt: now.toISOString(),
      };
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO notification_deliveries (organization_id, channel_id, event_type, payload, status, next_attempt_at)
         VALUES ($1, $2, 'test', $3::jsonb, 'pending', $4) RETURNING id`,
        [organizationId, id, JSON.stringify(payload), now],
      );
      return rows[0]!.id;
    },
  };
}

/** The channel service (see {@link createNotificationChannelService}). */
export type NotificationChannelService = ReturnType<typeof createNotificationChannelService>;
