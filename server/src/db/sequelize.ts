import pg from 'pg';
import { Sequelize } from 'sequelize';
import { initModels } from './models';

// int8 (count(*), bigint cents) arrives as a string; every value we store fits in 2^53, so parse it once here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

let instance: Sequelize | undefined;

/** The process's Sequelize instance; connectDatabase() must have run. */
export function db(): Sequelize {
  if (!instance) throw new Error('Database not connected: call connectDatabase() first');
  return instance;
}

/** Creates the Sequelize instance for the URL, defines the models and checks the connection. */
export async function connectDatabase(url: string, opts: { poolMax?: number } = {}): Promise<Sequelize> {
  if (instance) await instance.close();
  instance = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    define: { underscored: true },
    pool: { max: opts.poolMax ?? 10, min: 0, idle: 10_000 },
  });
  initModels(instance);
  await instance.authenticate();
  return instance;
}

const beforeClose = new Set<() => Promise<void>>();

/** Work that must reach the database before the pool closes (writes queued in memory, such as the search log). */
export function onDatabaseClose(flush: () => Promise<void>): void {
  beforeClose.add(flush);
}

export async function closeDatabase(): Promise<void> {
  if (instance) for (const flush of beforeClose) await flush().catch(() => undefined);
  const s = instance;
  instance = undefined;
  await s?.close();
}
