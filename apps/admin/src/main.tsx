import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppDeps } from './app-deps';
import { preloadOverview } from './resources/overview';

const deps = createAppDeps();
preloadOverview(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App deps={deps} />
  </StrictMode>,
);
