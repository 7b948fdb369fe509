/** Where the admin-only screens and the password screen live (custom routes, see App.tsx). */
export const API_TOKENS_PATH = '/api-tokens';
export const USERS_PATH = '/users';
export const CHANGE_PASSWORD_PATH = '/account/password';
export const AUDIT_LOG_PATH = '/audit-log';
