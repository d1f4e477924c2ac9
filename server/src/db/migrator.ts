import path from 'node:path';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { ROOT_DIR } from '../config';
import { logger } from '../lib/logger';

/** Umzug over the TypeScript files in migrations/, recorded in the SequelizeMeta table. */
export function createMigrator(sequelize: Sequelize, opts: { quiet?: boolean } = {}): Umzug<QueryInterface> {
  return new Umzug({
    migrations: { glob: ['*.ts', { cwd: path.join(ROOT_DIR, 'migrations'), ignore: ['*.d.ts'] }] },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: opts.quiet ? undefined : { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m), debug: () => {} },
  });
}

/** Applies pending migrations, serialised across processes by an advisory lock. */
export async function migrateUp(sequelize: Sequelize, opts: { quiet?: boolean } = {}): Promise<void> {
  await withMigrationLock(sequelize, () => createMigrator(sequelize, opts).up());
}

async function withMigrationLock<T>(sequelize: Sequelize, fn: () => Promise<T>): Promise<T> {
  // Two processes starting together (server + worker) must not run the same migration twice.
  const LOCK = 7_316_001;
  const conn = await (sequelize.connectionManager as unknown as { getConnection(o: object): Promise<{ query(sql: string): Promise<unknown> }> }).getConnection({ type: 'write' });
  try {
    await conn.query(`SELECT pg_advisory_lock(${LOCK})`);
    return await fn();
  } finally {
    await conn.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => undefined);
    (sequelize.connectionManager as unknown as { releaseConnection(c: unknown): void }).releaseConnection(conn);
  }
}
