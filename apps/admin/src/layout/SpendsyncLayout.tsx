import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator, TitlePortal } from 'react-admin';
import { LiveUpdates } from './LiveUpdates';
import { SpendsyncMenu } from './SpendsyncMenu';
import { SpendsyncUserMenu } from './SpendsyncUserMenu';
import { ViewerBadge } from './ViewerBadge';

function SpendsyncAppBar() {
  return (
    <AppBar userMenu={<SpendsyncUserMenu />} toolbar={<><ViewerBadge /><LoadingIndicator /></>}>
      <TitlePortal />
    </AppBar>
  );
}

/** react-admin's layout with our app bar and menu, and the live sync feed while signed in. */
export function SpendsyncLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={SpendsyncAppBar} menu={SpendsyncMenu}>
      <LiveUpdates />
      {children}
    </Layout>
  );
}
