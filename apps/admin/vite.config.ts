import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite proxies the API (HTTP and the graphql-ws WebSocket) so the UI and the API
// share one origin, as they do in production where the API serves the built UI.
const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
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
