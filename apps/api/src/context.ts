import { ApiError } from './errors';
import type { Caller } from './features/auth/caller';
import type { SessionCookie } from './features/auth/session-cookie';
import type { ApiServices } from './services';
import type { Logger } from './logger';

/** What every resolver receives. */
export type ApiContext = {
  /** Null before login: only `login` (and schema introspection) accept that. */
  readonly caller: Caller | null;
  readonly services: ApiServices;
  readonly logger: Logger;
  /** The client's address, for login rate limiting. */
  readonly clientAddress: string;
  /** The request's session cookie (GraphQL over HTTP only): sign-ins deliver into it, logout clears it. */
  readonly sessionCookie?: SessionCookie;
};

/** The caller, or UNAUTHENTICATED. */
export function requireCaller(context: Pick<ApiContext, 'caller'>): Caller {
  if (!context.caller)
    throw new ApiError('UNAUTHENTICATED', 'Sign in (or send an API token) to use the spendsync API.');
  return context.caller;
}

/** The caller when it is an admin user, or FORBIDDEN. */
export function requireAdmin(context: Pick<ApiContext, 'caller'>): Caller {
  const caller = requireCaller(context);
  if (caller.role !== 'admin')
    throw new ApiError('FORBIDDEN', 'Only admins can change things; your account can read but not edit.');
  return caller;
}

/** The caller when it may report metered usage, or FORBIDDEN. */
export function requireUsageReporter(context: Pick<ApiContext, 'caller'>): Caller {
  const caller = requireCaller(context);
  if (!caller.canRecordUsage) {
    throw new ApiError(
      'FORBIDDEN',
      'Reporting metered usage needs an admin or an API token created with "can record usage".',
    );
  }
  return caller;
}
