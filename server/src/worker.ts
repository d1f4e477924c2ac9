import { loadConfig, loadDotEnv } from './config';
import { logger } from './lib/logger';
import { startRuntime } from './runtime';

/** `npm run worker`: a process that only works jobs (set RUN_WORKERS=false on the API processes). */
loadDotEnv();
const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error('npm run worker needs DATABASE_URL: separate workers share a PostgreSQL server with the API.');
  process.exit(2);
}
const runtime = await startRuntime(config, { work: true });
logger.info('worker started');
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void runtime.stop().then(() => process.exit(0));
  });
}
