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
    // Refine + antd in one file is ~1 MB gzip: pages are lazy routes (see app.tsx), and the big
    // libraries get their own long-lived chunks so a page change does not re-download them.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 40 },
            { name: "charts", test: /node_modules[\\/](@ant-design[\\/](charts|plots|graphs)|@antv)[\\/]/, priority: 35 },
            { name: "refine", test: /node_modules[\\/](@refinedev|@tanstack|kbar)[\\/]/, priority: 30 },
            { name: "antd", test: /node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
