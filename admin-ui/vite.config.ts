import zlib from "node:zlib";
import { promisify } from "node:util";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const apiTarget = process.env.API_PROXY_TARGET ?? "http://localhost:3000";

// The console is served by the API server under /admin in production, so every asset URL is
// prefixed with it; in development Vite serves it and forwards /api to the server.
export default defineConfig({
  base: "/admin/",
  plugins: [react(), precompress()],
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

/**
 * Writes a Brotli and a gzip copy beside each script and style sheet of the build; the server sends
 * them to browsers that take them (about a quarter of the size). Brotli at quality 9: within a few per
 * cent of the smallest, at a fifteenth of the time.
 */
function precompress(): Plugin {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  return {
    name: "precompress",
    apply: "build",
    generateBundle: {
      // after Vite's own generateBundle, which writes each lazy import's preload list in place of a
      // placeholder: copies taken before it keep `__VITE_PRELOAD__` and fail on the first lazy page
      order: "post",
      async handler(_options, bundle) {
        const files = Object.values(bundle).filter((file) => /\.(js|css)$/.test(file.fileName));
        await Promise.all(
          files.map(async (file) => {
            const source = Buffer.from(file.type === "chunk" ? file.code : file.source);
            if (source.length < 1024) return;
            const [br, gz] = await Promise.all([brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }), gzip(source, { level: 9 })]);
            this.emitFile({ type: "asset", fileName: `${file.fileName}.br`, source: br });
            this.emitFile({ type: "asset", fileName: `${file.fileName}.gz`, source: gz });
          }),
        );
      },
    },
  };
}
