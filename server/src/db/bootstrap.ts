import path from 'node:path';
import type { Config } from '../config';
import { logger } from '../lib/logger';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';

export interface DatabaseTarget {
  url: string;
  embedded?: RunningPostgres;
}

/** DATABASE_URL when set; otherwise the embedded cluster under DATA_DIR/postgres. */
export async function resolveDatabase(config: Config): Promise<DatabaseTarget> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const dir = path.join(config.dataDir, 'postgres');
  logger.info({ dir, port: config.EMBEDDED_PG_PORT }, 'starting embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres({
    dir,
    port: config.EMBEDDED_PG_PORT,
    database: 'socrates',
    log: (line) => logger.debug({ component: 'postgres' }, line),
  });
  return { url: embedded.url, embedded };
}
