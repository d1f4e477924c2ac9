import pg from 'pg';
import { Sequelize } from 'sequelize';
import { initModels } from './models';

// int8 (count(*), bigint cents) arrives as a string; every value we store fits in 2^53, so parse it once here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

let instance: Sequelize | undefined;
let connectedUrl: string | undefined;
let genericPlans: Sequelize | undefined;
let localGateway: Sequelize | undefined;

/** The process's Sequelize instance; connectDatabase() must have run. */
export function db(): Sequelize {
  if (!instance) throw new Error('Database not connected: call connectDatabase() first');
  return instance;
}

/** Creates the Sequelize instance for the URL, defines the models and checks the connection. */
export async function connectDatabase(url: string, opts: { poolMax?: number } = {}): Promise<Sequelize> {
  if (instance) await closeDatabase();
  connectedUrl = url;
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

/**
 * A second, small pool of the same database whose connections plan a prepared statement once for any
 * values (plan_cache_mode = force_generic_plan), without parallel workers (a generic plan guesses row
 * counts, and would start workers for a handful of rows). For reads run on every request whose best plan
 * does not depend on the values, where planning costs as much as running them: see plainSelect.
 */
export function genericPlanDb(): Sequelize {
  if (!connectedUrl) throw new Error('Database not connected: call connectDatabase() first');
  genericPlans ??= new Sequelize(connectedUrl, {
    dialect: 'postgres',
    logging: false,
    pool: { max: 4, min: 0, idle: 10_000 },
    dialectOptions: { options: '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0' },
  });
  return genericPlans;
}

/**
 * A small pool of its own for the local test-mode payment gateway's tables. The gateway stands in for an
 * outside processor, and the app calls it while holding a pooled connection in an open transaction (the
 * customer's billing row is locked while a card is added): on the app's pool, as many such requests as the
 * pool has connections would each wait for a second one, and the whole API would stall until the acquire
 * timeout. Stripe needs no connection of ours; neither does this stand-in.
 */
export function localGatewayDb(): Sequelize {
  if (!connectedUrl) throw new Error('Database not connected: call connectDatabase() first');
  localGateway ??= new Sequelize(connectedUrl, { dialect: 'postgres', logging: false, pool: { max: 4, min: 0, idle: 10_000 } });
  return localGateway;
}

const beforeClose = new Set<() => Promise<void>>();

/** Work that must reach the database before the pool closes (writes queued in memory, such as the search log). */
export function onDatabaseClose(flush: () => Promise<void>): void {
  beforeClose.add(flush);
}

export async function closeDatabase(): Promise<void> {
  if (instance) for (const flush of beforeClose) await flush().catch(() => undefined);
  const [s, g, l] = [instance, genericPlans, localGateway];
  [instance, genericPlans, localGateway, connectedUrl] = [undefined, undefined, undefined, undefined];
  await Promise.all([s?.close(), g?.close(), l?.close()]);
}
