import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const apiTarget = process.env.API_PROXY_TARGET ?? "http://localhost:3000";

// The console is served by the API server under /admin in production, so every asset URL is
// prefixed with it; in development Vite serves it and forwards /api to the server.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: 5173 },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Source maps for error tracking (uploaded to Sentry), without the comment that would point browsers at them.
    sourcemap: "hidden",
    // Refine + antd in one file would be ~2 MB (≈600 kB gzip): pages are lazy routes (see app.tsx)
    // and the libraries are split into long-lived chunks that a release of our code does not change.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Groups are filled in priority order and each takes the modules its members import that no
          // earlier group took, so the foundations come first and the app code stays in small chunks.
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 60 },
            { name: "charts", test: /node_modules[\\/](@ant-design[\\/](charts|plots|graphs)|@antv)[\\/]/, priority: 55 },
            { name: "antd-base", test: /node_modules[\\/](rc-[^\\/]+|@rc-component|@ant-design[\\/](cssinjs|colors|fast-color|react-slick))[\\/]/, priority: 50 },
            { name: "antd-icons", test: /node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 45 },
            { name: "antd", test: /node_modules[\\/](antd|@ant-design)[\\/]/, priority: 40 },
            { name: "refine", test: /node_modules[\\/](@refinedev|@tanstack|kbar)[\\/]/, priority: 30 },
            // papaparse and @sentry stay out: they are imported on demand (CSV import/export; a Sentry DSN is set).
            { name: "vendor", test: /node_modules[\\/](?!papaparse[\\/]|@sentry[\\/]|@sentry-internal[\\/])/, priority: 10 },
          ],
        },
      },
    },
  },
});
