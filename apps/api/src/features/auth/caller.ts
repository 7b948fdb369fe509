import type { UserRole } from '../users/user.entity';

/** Who is calling: a signed-in user (session) or an API token, always within one organization. */
export type Caller = {
  readonly organizationId: string;
  /** Tokens read like viewers; only users can be admins. */
  readonly role: UserRole;
  /** The user, for sessions; null for API tokens. */
  readonly userId: string | null;
  /** The API token, when the caller used one. */
  readonly apiTokenId: string | null;
  /** The session, when the caller signed in (so `logout` can end it). */
  readonly sessionId: string | null;
  /** May report metered usage: admins, and tokens created for metering. */
  readonly canRecordUsage: boolean;
  /** A user who must change their password first (the first admin): only changePassword, logout and me work. */
  readonly passwordChangeRequired?: boolean;
};
