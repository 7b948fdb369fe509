import { afterEach } from '@jest/globals';
import { cleanup, render } from '@testing-library/react';
import { App } from '../App';
import type { UserRole } from '../data-provider/records';
import { createFakeApp, type FakeApp } from './fake-data-provider';
import type { FakeResolvers } from './fake-graphql';

const apps: FakeApp[] = [];

afterEach(() => {
  cleanup();
  // Unmounted screens leave react-query's garbage-collection timers behind; clear them.
  for (const app of apps.splice(0)) app.deps.queryClient.clear();
  window.localStorage.clear();
});

/** The whole app at `path` on a fake API answering with `resolvers`, signed in as `role`. */
export function renderApp(path: string, resolvers: FakeResolvers = {}, role: UserRole | null = 'ADMIN'): FakeApp {
  window.history.pushState({}, '', path);
  const app = createFakeApp(resolvers, role);
  apps.push(app);
  render(<App deps={app.deps} />);
  return app;
}
