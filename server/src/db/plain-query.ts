import type { Sequelize } from 'sequelize';
import { db } from './sequelize';

interface PgClient {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
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
 */
export async function plainSelect<T>(sql: string, params: unknown[] = [], sequelize: Sequelize = db()): Promise<T[]> {
  const manager = (sequelize as unknown as { connectionManager: ConnectionManager }).connectionManager;
  // Honour Sequelize's `logging` option, so SQL logs and the benchmark's capture still see these reads.
  const log = (sequelize as unknown as { options: { logging?: unknown } }).options.logging;
  if (typeof log === 'function') log(`Executing (plain): ${sql}`);
  const client = await manager.getConnection({ type: 'SELECT' });
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await manager.releaseConnection(client);
  }
}
