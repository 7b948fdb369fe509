import type { AuthProvider } from 'react-admin';
import { COMPLETE_SSO_SIGN_IN, LOGIN, LOGOUT, ME } from '../data-provider/documents';
import { isUnauthenticated } from '../data-provider/errors';
import type { GraphqlTransport } from '../data-provider/graphql';
import type { UserRole, Viewer } from '../data-provider/records';
import { CHANGE_PASSWORD_PATH } from '../resources/admin-paths';
import type { Session } from './session';

/** Actions a viewer may take: reading and exporting. Everything else changes data (admins only). */
const READ_ACTIONS = new Set(['list', 'show', 'export']);

/** True when `role` may perform `action` (react-admin's access control vocabulary). */
export function canRoleAccess(role: UserRole | undefined, action: string): boolean {
  if (role === 'ADMIN') return true;
  return role === 'VIEWER' && READ_ACTIONS.has(action);
}

/** What the login form sends; react-admin's own form calls the email `username`. */
export type Credentials = { email?: string; username?: string; password: string };

/** What the sign-in page sends after single sign-on: the one-time code the API's callback handed back. */
export type SsoCompletion = { ssoCode: string };

/** The identity react-admin shows in the user menu. */
export type SpendsyncIdentity = {
  id: string;
  fullName: string;
  organization: string;
  role: UserRole;
  passwordChangeRequired: boolean;
};

/**
 * Sign-in with the API's `login` mutation, which sets the session as an HttpOnly cookie (the
 * transport asks for it); `session` keeps only the viewer. On the first check after a page
 * load `me` tells whether the cookie is still alive: with a known viewer the page renders
 * meanwhile (the API checks the cookie on each of its requests, and a refusal signs out, see
 * `checkError`), without one the check waits for it. Viewers may read (list, show, export) but
 * not edit.
 */
export function createAuthProvider(transport: GraphqlTransport, session: Session): AuthProvider {
  // Set once `me` answered in this page: the cookie, which the page cannot read, is alive.
  let isConfirmed = false;
  // The `me` request in flight: the session check and the user menu share it.
  let loading: Promise<Viewer> | null = null;
  const loadViewer = (): Promise<Viewer> => {
    loading ??= transport
      .request<{ me: Viewer }>(ME)
      .then(({ me }) => {
        session.setViewer(me);
        isConfirmed = true;
        return me;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
  const forget = () => {
    session.clear();
    isConfirmed = false;
  };

  // Both ways of signing in end the same way: the API sets the session cookie (the transport asks for it).
  const signIn = async (params: Credentials | SsoCompletion): Promise<void> => {
    if ('ssoCode' in params) {
      await transport.request(COMPLETE_SSO_SIGN_IN, { code: params.ssoCode });
      return;
    }
    const email = (params.email ?? params.username ?? '').trim();
    await transport.request(LOGIN, { email, password: params.password });
  };

  return {
    async login(params: Credentials | SsoCompletion) {
      forget();
      await signIn(params);
      transport.reconnect();
      const viewer = await loadViewer();
      // The first admin's password was set at installation: nothing else works until it is changed.
      if (viewer.user?.passwordChangeRequired) return { redirectTo: CHANGE_PASSWORD_PATH };
      return undefined;
    },
    async logout() {
      // Also without a known viewer: the API clears a cookie the page may not know about.
      await transport.request(LOGOUT).catch(() => undefined);
      forget();
      transport.reconnect();
    },
    async checkAuth() {
      if (isConfirmed) return;
      if (session.isSignedIn()) {
        // The known viewer renders now; `me` confirms the cookie alongside the page's own requests.
        // Offline or a server error: trust the viewer until the API answers.
        loadViewer().catch((error: unknown) => {
          if (isUnauthenticated(error)) forget();
        });
        return;
      }
      try {
        await loadViewer();
      } catch {
        throw new Error('Sign in to continue.');
      }
    },
    async checkError(error: unknown) {
      if (isUnauthenticated(error)) {
        forget();
        throw error;
      }
      if ((error as { code?: unknown } | null)?.code === 'PASSWORD_CHANGE_REQUIRED') {
        throw { redirectTo: CHANGE_PASSWORD_PATH, logoutUser: false, message: false };
      }
    },
    async getIdentity(): Promise<SpendsyncIdentity> {
      // Always the API's answer (a refetch follows a change such as a new password), shared with
      // the session check's `me` while that one is in flight.
      const viewer = await loadViewer();
      return {
        id: viewer.user?.id ?? 'api-token',
        fullName: viewer.user?.email ?? 'API token',
        organization: viewer.organization.name,
        role: viewer.role,
        passwordChangeRequired: viewer.user?.passwordChangeRequired ?? false,
      };
    },
    async getPermissions() {
      return (session.getViewer() ?? (await loadViewer())).role;
    },
    async canAccess({ action }: { action: string }) {
      if (!session.isSignedIn()) return false;
      const viewer = session.getViewer() ?? (await loadViewer());
      return canRoleAccess(viewer.role, action);
    },
  };
}
