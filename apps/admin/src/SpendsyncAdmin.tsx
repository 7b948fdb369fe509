import { CssBaseline } from '@mui/material';
import type { ReactNode } from 'react';
import {
  AccessDenied,
  AuthenticationError,
  CoreAdminContext,
  CoreAdminUI,
  defaultLightTheme,
  Error as ErrorPage,
  LoadingPage,
  NotFound,
  Notification,
  ThemeProvider,
  ThemesContext,
  type AuthProvider,
  type CatchAllComponent,
  type DashboardComponent,
  type DataProvider,
  type I18nProvider,
  type LayoutComponent,
  type LoginComponent,
  type Store,
} from 'react-admin';
import type { QueryClient } from '@tanstack/react-query';

/** What `<Admin>` would take, minus everything the admin does not use (themes, locales, telemetry, auth callback). */
export type SpendsyncAdminProps = {
  children: ReactNode;
  title: string;
  dataProvider: DataProvider;
  authProvider: AuthProvider;
  i18nProvider: I18nProvider;
  queryClient: QueryClient;
  store: Store;
  layout: LayoutComponent;
  loginPage: LoginComponent;
  dashboard: DashboardComponent;
};

/**
 * react-admin's `<Admin>` rebuilt from its parts (`AdminContext` + `AdminUI`): the same contexts,
 * theme and routes, but only the pieces the admin uses reach the bundle. `<Admin>` always
 * brings its default login form (react-hook-form and the form inputs), the polyglot i18n
 * provider and the OAuth callback page, even when they are replaced, and all of them would load
 * before the first screen.
 */
export function SpendsyncAdmin({
  children,
  title,
  i18nProvider,
  layout,
  loginPage,
  dashboard,
  ...context
}: SpendsyncAdminProps) {
  return (
    <CoreAdminContext {...context} i18nProvider={i18nProvider}>
      <ThemesContext.Provider value={{ lightTheme: defaultLightTheme }}>
        <ThemeProvider>
          <CssBaseline enableColorScheme>
            <CoreAdminUI
              title={title}
              disableTelemetry
              requireAuth
              layout={layout}
              loginPage={loginPage}
              dashboard={dashboard}
              catchAll={NotFound as CatchAllComponent}
              error={ErrorPage}
              loading={LoadingPage}
              accessDenied={AccessDenied}
              authenticationError={AuthenticationError}>
              {children}
            </CoreAdminUI>
            <Notification />
          </CssBaseline>
        </ThemeProvider>
      </ThemesContext.Provider>
    </CoreAdminContext>
  );
}
