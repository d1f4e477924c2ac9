import { db, genericPlanDb } from './sequelize';

interface PgClient {
  query<T>(query: { text: string; values: unknown[]; name?: string }): Promise<{ rows: T[] }>;
}
interface ConnectionManager {
  getConnection(options: { type: string }): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

/**
 * A read on a pooled connection, past Sequelize's query machinery (bind-parameter formatting, query
 * objects, result post-processing): for the hottest reads only, such as list pages. The connection comes
 * from Sequelize's own pool, so it shares its limit and its type parsers; rows are plain objects.
 * Not for writes or anything inside a transaction — use db().query with the transaction there.
 * A `name` makes it a prepared statement, parsed once per connection: only for fixed SQL text run on every
 * request (the session lookup), never for text built from filters. PostgreSQL plans it for its values
 * the first five times, then keeps a generic plan if that looks no dearer; `genericPlan` runs it on
 * genericPlanDb's connections instead, planned once for any values.
 */
export async function plainSelect<T>(sql: string, params: unknown[] = [], opts: { name?: string; genericPlan?: boolean } = {}): Promise<T[]> {
  const sequelize = opts.genericPlan ? genericPlanDb() : db();
  const manager = (sequelize as unknown as { connectionManager: ConnectionManager }).connectionManager;
  // Honour Sequelize's `logging` option, so SQL logs and the benchmark's capture still see these reads.
  const log = (db() as unknown as { options: { logging?: unknown } }).options.logging;
  if (typeof log === 'function') log(`Executing (plain): ${sql}`);
  const client = await manager.getConnection({ type: 'SELECT' });
  try {
    return (await client.query<T>({ text: sql, values: params, ...(opts.name ? { name: opts.name } : {}) })).rows;
  } finally {
    await manager.releaseConnection(client);
  }
}
