import { z } from 'zod';

const SMTP_URL_RULE = 'must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465';

/** Budget alert notifications: the SMTP server for the email channel, and the link back to the UI. */
export const ZNotificationsEnv = z.object({
  /** The SMTP server email alerts go through (nodemailer URL form). May hold a password: never logged. Absent: email is "not configured". */
  SPENDSYNC_SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v), { error: SMTP_URL_RULE })
    .optional(),
  /** The sender of alert emails, e.g. `spendsync <alerts@example.com>`; required with SPENDSYNC_SMTP_URL. */
  SPENDSYNC_SMTP_FROM: z.string().min(3).max(320).optional(),
  /** Where people open the admin UI, for the "open in spendsync" links in alerts (default http://localhost:PORT). */
  SPENDSYNC_PUBLIC_URL: z.url({ error: 'must be a full http(s) URL such as https://spendsync.example.com' }).optional(),
});
