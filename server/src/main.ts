import type { Server } from 'node:http';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { logger } from './lib/logger';
import { createApp } from './app';
import { startRuntime, type Runtime } from './runtime';
import { seedDemoIfEmpty } from '../../seeders/demo';
import { settleLocalWebhooks } from './modules/billing/webhooks/ingest-webhook.service';

/** `npm start`: database, migrations, demo data on first start, jobs, and the HTTP server on PORT. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  let runtime: Runtime | undefined;
  let server: Server | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000).unref();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await settleLocalWebhooks().catch(() => undefined); // test-mode payment events still on their way in
    await runtime?.stop();
    clearTimeout(force);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));

  runtime = await startRuntime(config, { work: config.RUN_WORKERS });
  const seeded = config.NODE_ENV !== 'production' && config.SEED_DEMO ? await seedDemoIfEmpty() : false;
  const app = createApp(config, { gateway: runtime.gateway });
  server = app.listen(config.PORT, config.HOST, () => {
    const base = config.publicUrl;
    console.log(
      [
        '',
        `  Socrates Ops is running${seeded ? ' (demo data seeded)' : ''}`,
        `    Customer portal       ${base}/portal/`,
        `    Operations console    ${base}/admin/`,
        `    API docs              ${base}/api/docs`,
        ...(config.NODE_ENV !== 'production' && config.SEED_DEMO
          ? ['', '  Demo logins (password: socrates-demo)', '    ops@example.com (super admin), billing@, support@, analyst@example.com', '    customer@example.com (Professional), free@example.com (Free)']
          : []),
        '',
        '  Ctrl+C stops everything.',
        '',
      ].join('\n'),
    );
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'HTTP server failed');
    void shutdown('server-error');
  });
}

main().catch((err) => {
  logger.fatal({ err }, 'start-up failed');
  console.error(`\nStart-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
