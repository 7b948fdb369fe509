import { LinearProgress } from '@mui/material';
import { Suspense, createElement, lazy, type ComponentType } from 'react';
import { Route } from 'react-router';
import { API_TOKENS_PATH, AUDIT_LOG_PATH, CHANGE_PASSWORD_PATH, USERS_PATH } from './admin-paths';

// Each screen is its own chunk, loaded when first opened.
const ApiTokensPage = lazy(() => import('./api-tokens/ApiTokensPage').then((m) => ({ default: m.ApiTokensPage })));
const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));
const AuditLogPage = lazy(() => import('./audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const ChangePasswordPage = lazy(() =>
  import('./account/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
);

const route = (path: string, page: ComponentType) =>
  createElement(Route, {
    key: path,
    path,
    element: createElement(Suspense, { fallback: createElement(LinearProgress) }, createElement(page)),
  });

/** API tokens, users, the audit log (admins) and change password (everyone), mounted by App.tsx inside `<CustomRoutes>`. */
export const adminRoutes = [
  route(API_TOKENS_PATH, ApiTokensPage),
  route(USERS_PATH, UsersPage),
  route(AUDIT_LOG_PATH, AuditLogPage),
  route(CHANGE_PASSWORD_PATH, ChangePasswordPage),
];
