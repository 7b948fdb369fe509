import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppDeps } from './app-deps';
import { preloadOverview } from './resources/overview';
import { prefetchOverview } from './resources/overview/prefetch-overview';

const deps = createAppDeps();
preloadOverview(window.location.pathname);
prefetchOverview({ ...deps, isSignedIn: deps.session.isSignedIn }, window.location);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App deps={deps} />
  </StrictMode>,
);
