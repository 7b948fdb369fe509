import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator, TitlePortal } from 'react-admin';
import { LiveUpdates } from './LiveUpdates';
import { PasswordChangeGuard } from './PasswordChangeGuard';
import { SpendsyncMenu } from './SpendsyncMenu';
import { SpendsyncUserMenu } from './SpendsyncUserMenu';
import { ViewerBadge } from './ViewerBadge';

function SpendsyncAppBar() {
  return (
    <AppBar
      userMenu={<SpendsyncUserMenu />}
      toolbar={
        <>
          <ViewerBadge />
          <LoadingIndicator />
        </>
      }>
      <TitlePortal />
    </AppBar>
  );
}

/**
 * react-admin's layout with our app bar and menu, the live sync feed while signed in, and the
 * required password change first.
 */
export function SpendsyncLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={SpendsyncAppBar} menu={SpendsyncMenu}>
      <LiveUpdates />
      <PasswordChangeGuard>{children}</PasswordChangeGuard>
    </Layout>
  );
}
