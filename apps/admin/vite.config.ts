import { fileURLToPath } from 'node:url';
import { loadToolingConfig } from '@spendsync/config';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// In development Vite proxies the API (HTTP and the graphql-ws WebSocket) so the UI and the API
// share one origin, as they do in production where the API serves the built UI.
const { apiTarget } = loadToolingConfig();

const RA_CORE_ROUTER_ADAPTER = /[\\/]ra-core[\\/]dist[\\/]routing[\\/]adapters[\\/]reactRouterProvider\.js$/;
const BROWSER_ROUTER_PROVIDER = fileURLToPath(new URL('./src/routing/browser-router-provider.tsx', import.meta.url));

/**
 * Resolves ra-core's react-router adapter to src/routing/browser-router-provider.tsx, the same
 * adapter without the hash router it falls back to (and react-router's data-router runtime with
 * it). Fails the build when no ra-core module imported the adapter, i.e. ra-core moved it.
 */
function browserRouterOnly(): Plugin {
  let isReplaced = false;
  return {
    name: 'spendsync:ra-core-browser-router-only',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('reactRouterProvider.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !RA_CORE_ROUTER_ADAPTER.test(resolved.id)) return null;
      isReplaced = true;
      return BROWSER_ROUTER_PROVIDER;
    },
    buildEnd(error) {
      if (!error && this.environment.mode === 'build' && !isReplaced)
        this.error('ra-core no longer imports routing/adapters/reactRouterProvider.js: update browserRouterOnly()');
    },
  };
}

/** Modules of the named packages (regular expressions), pnpm's node_modules layout included. */
const inPackages = (...names: string[]) =>
  new RegExp(`/node_modules/(?:\\.pnpm/[^/]+/node_modules/)?(?:${names.join('|')})/`);

/**
 * Two vendor chunks that change only when their packages do, so a release of the admin's own
 * code leaves them in the browser's cache. Only packages the first screen uses whole belong
 * here: a package used by later screens alone would be pulled into the first screen with them.
 * Everything else (MUI components, react-admin, the screens) is split by Rolldown per lazy route.
 */
const VENDOR_CHUNKS = [
  { name: 'react', test: inPackages('react', 'react-dom', 'scheduler') },
  {
    name: 'vendor',
    test: inPackages(
      'react-router',
      '@emotion/[^/]+',
      '@mui/system',
      '@mui/utils',
      '@tanstack/[^/]+',
      '@urql/core',
      'wonka',
      '@0no-co/graphql\\.web',
      'stylis',
    ),
  },
];

export default defineConfig({
  plugins: [react(), browserRouterOnly()],
  build: {
    // dist/.vite/manifest.json: which chunks each entry and lazy module needs, read by the
    // first-screen size guard (bench/first-screen-js.test.ts). The API does not serve dot-dirs.
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
      '/export': { target: apiTarget },
      '/v1': { target: apiTarget },
      '/healthz': { target: apiTarget },
      '/auth/oidc': { target: apiTarget },
    },
  },
});
