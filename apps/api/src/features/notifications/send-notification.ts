import nodemailer from 'nodemailer';
import { assertPublicHost } from './channel-url';
import type { ChannelWithConfig } from './notification-channel.service';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** How a send went: the receiver's status (if it answered) and, when it failed, why and whether to retry. */
export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null; permanent: boolean };

/** What sending needs from the process. */
export type SenderDeps = {
  allowCustomEndpoints: boolean;
  /** Base URL of the admin UI for links back (config `publicUrl`). */
  publicUrl: string;
  smtp?: { url: string; from: string };
  /** Per-request timeout (default 10 s): a hanging receiver is given up on, then retried later. */
  timeoutMs?: number;
  now?: () => Date;
};

type Payload = Record<string, unknown> & { type: string };

type LinkScope = { providers?: string[]; workspaces?: string[] };

/** The Overview filtered by the budget's scope, or an anomaly's (providers and workspaces, the Overview's own filters). */
export function overviewLink(publicUrl: string, payload: Payload): string {
  const scope =
    (payload.budget as { scope?: LinkScope } | undefined)?.scope ?? (payload.scope as LinkScope | undefined);
  const params = new URLSearchParams();
  for (const provider of scope?.providers ?? []) params.append('providers', provider);
  for (const workspace of scope?.workspaces ?? []) params.append('workspaces', workspace);
  const period = payload.period as { start?: string; end?: string } | undefined;
  if (period?.start && period.end) {
    params.set('start', period.start);
    params.set('end', period.end);
  }
  const query = params.toString();
  return `${publicUrl}/overview${query ? `?${query}` : ''}`;
}

/** One line a human reads: "Budget "Research" reached 80 % (actual): $812.40 of $1000". */
export function describeEvent(payload: Payload): string {
  if (payload.type === 'test') return 'spendsync test event: this channel works.';
  if (payload.type === 'anomaly.detected') {
    const a = payload.anomaly as {
      severity: string;
      kind: string;
      seriesLabel: string;
      provider: string | null;
      day: string;
      expected: string;
      actual: string;
    };
    const where = `${a.seriesLabel}${a.provider ? ` (${a.provider})` : ''}`;
    return `Anomaly (${a.severity}): ${where} ${a.kind === 'drop' ? 'went silent' : 'spiked'} on ${a.day}: $${a.actual} against $${a.expected} expected.`;
  }
  if (payload.type === 'runway.below_threshold') {
    type Runway = {
      name: string;
      accountLabel: string;
      kind: string;
      remaining: string;
      runOutOn: string | null;
      daysLeft: number | null;
    };
    const r = payload.runway as Runway;
    const what =
      r.kind === 'grant' ? `Credit grant "${r.name}" (${r.accountLabel})` : `Credit balance of "${r.accountLabel}"`;
    const when = `${String(r.daysLeft)} days (${String(r.runOutOn)})`;
    return `${what} runs out in ${when}, under ${String(payload.thresholdDays)} days: $${r.remaining} left.`;
  }
  const budget = payload.budget as { name: string; amount: string };
  const threshold = payload.threshold as { kind: string; percent: number };
  const figure =
    threshold.kind === 'forecast' ? `forecast $${String(payload.forecast)}` : `spent $${String(payload.spent)}`;
  return `Budget "${budget.name}" reached ${threshold.percent} % (${threshold.kind}): ${figure} of $${budget.amount}.`;
}

/** Slack's incoming-webhook message: text plus a section with a button back to the Overview. */
export function slackMessage(payload: Payload, publicUrl: string): Record<string, unknown> {
  const text = describeEvent(payload);
  const link = overviewLink(publicUrl, payload);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in spendsync' }, url: link }],
      },
    ],
  };
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  deps: SenderDeps,
): Promise<SendOutcome> {
  await assertPublicHost(new URL(url), deps.allowCustomEndpoints).catch((error: Error) => {
    throw Object.assign(error, { permanent: true });
  });
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'user-agent': 'spendsync', ...headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
  });
  await response.body?.cancel().catch(() => undefined);
  const status = response.status;
  if (status >= 200 && status < 300) return { ok: true, statusCode: status, error: null, permanent: false };
  if (status >= 300 && status < 400)
    return {
      ok: false,
      statusCode: status,
      error: `The receiver answered ${status} (a redirect); redirects are not followed.`,
      permanent: false,
    };
  // 410 Gone: the receiver says it will never take these again.
  return { ok: false, statusCode: status, error: `The receiver answered ${status}.`, permanent: status === 410 };
}

/** Sends one event to one channel. Never throws; errors name no URL secret, signing secret or SMTP password. */
export async function sendNotification(
  channel: ChannelWithConfig,
  payload: Payload,
  deps: SenderDeps,
): Promise<SendOutcome> {
  try {
    if (channel.kind === 'webhook') {
      const body = JSON.stringify(payload);
      const timestamp = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
      return await post(
        channel.config.url!,
        body,
        { [SIGNATURE_HEADER]: signWebhook(channel.config.secret!, timestamp, body) },
        deps,
      );
    }
    if (channel.kind === 'slack')
      return await post(channel.config.url!, JSON.stringify(slackMessage(payload, deps.publicUrl)), {}, deps);
    if (!deps.smtp)
      return {
        ok: false,
        statusCode: null,
        error: 'Email is not configured on this server (SPENDSYNC_SMTP_URL, SPENDSYNC_SMTP_FROM).',
        permanent: false,
      };
    const smtpUrl = new URL(deps.smtp.url);
    smtpUrl.searchParams.set('connectionTimeout', String(deps.timeoutMs ?? 10_000));
    smtpUrl.searchParams.set('socketTimeout', String(deps.timeoutMs ?? 10_000));
    const transport = nodemailer.createTransport(smtpUrl.toString());
    try {
      const text = describeEvent(payload);
      await transport.sendMail({
        from: deps.smtp.from,
        to: channel.config.to,
        subject: `[spendsync] ${text}`,
        text: `${text}\n\n${overviewLink(deps.publicUrl, payload)}\n`,
      });
    } finally {
      transport.close();
    }
    return { ok: true, statusCode: null, error: null, permanent: false };
  } catch (error) {
    const err = error as Error & { permanent?: boolean; responseCode?: number };
    const reason =
      err.name === 'TimeoutError'
        ? 'The receiver did not answer in time.'
        : channel.kind === 'email'
          ? `The SMTP server refused the message${err.responseCode ? ` (${err.responseCode})` : ''}.`
          : err.message.includes('private') || err.message.includes('resolved')
            ? err.message
            : 'The receiver could not be reached.';
    return { ok: false, statusCode: null, error: reason, permanent: err.permanent === true };
  }
}
