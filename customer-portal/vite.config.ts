import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.API_PROXY_TARGET || 'http://localhost:3000';

export default defineConfig({
  // The server mounts the built portal at /portal (the SPA fallback lives there too).
  base: '/portal/',
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: true,
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: true,
        configure: (proxy) => {
          // The API refuses state-changing requests from a foreign Origin (CSRF defence). Through this
          // proxy the browser's origin is the Vite server, so present the API's own origin instead —
          // in production the portal and the API share one origin and nothing is rewritten.
          proxy.on('proxyReq', (proxyReq) => {
            if (proxyReq.getHeader('origin')) proxyReq.setHeader('origin', new URL(apiTarget).origin);
          });
        },
      },
    },
  },
  build: {
    outDir: 'dist',
    // Source maps for error tracking (uploaded to Sentry), without the comment that would point browsers at them.
    sourcemap: 'hidden',
  },
});
