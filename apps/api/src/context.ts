import type { UserRole } from './features/users/user.entity';
import { ApiError } from './errors';
import type { ApiServices } from './services';
import type { Logger } from './logger';

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
};

/** What every resolver receives. */
export type ApiContext = {
  /** Null before login: only `login` (and schema introspection) accept that. */
  readonly caller: Caller | null;
  readonly services: ApiServices;
  readonly logger: Logger;
  /** The client's address, for login rate limiting. */
  readonly clientAddress: string;
};

/** The caller, or UNAUTHENTICATED. */
export function requireCaller(context: Pick<ApiContext, 'caller'>): Caller {
  if (!context.caller) throw new ApiError('UNAUTHENTICATED', 'Sign in (or send an API token) to use the spendsync API.');
  return context.caller;
}

/** The caller when it is an admin user, or FORBIDDEN. */
export function requireAdmin(context: Pick<ApiContext, 'caller'>): Caller {
  const caller = requireCaller(context);
  if (caller.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only admins can change things; your account can read but not edit.');
  return caller;
}

/** The caller when it may report metered usage, or FORBIDDEN. */
export function requireUsageReporter(context: Pick<ApiContext, 'caller'>): Caller {
  const caller = requireCaller(context);
  if (!caller.canRecordUsage) {
    throw new ApiError('FORBIDDEN', 'Reporting metered usage needs an admin or an API token created with "can record usage".');
  }
  return caller;
}
