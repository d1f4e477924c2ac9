import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import type { UiEvent } from '../analytics.schemas';

// A client clock may be off, and a batch may sit in a tab for a while: timestamps older than this or
// in the future are replaced by the server's time (a page view is never back-dated into a closed day).
const MAX_AGE_MS = 60 * 60 * 1000;
const MAX_AHEAD_MS = 60 * 1000;

interface PgClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}
interface Pool {
  getConnection(options: { type: string }): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

const INSERT = `INSERT INTO analytics_events (user_id, event_type, source, properties, occurred_at)
  SELECT $1::uuid, x.t, 'ui', x.p::jsonb, x.o FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS x(t, p, o)`;

/**
 * Stores a batch of UI events for one user with a single INSERT … SELECT FROM unnest (one statement however
 * large the batch), on a pooled connection past Sequelize's query machinery (this is the hottest write).
 * The commit does not wait for the WAL flush (synchronous_commit off, this transaction only): a database
 * crash may lose the last fraction of a second of page views, never leave anything half-written, and the
 * intake saves a disk flush per batch. Returns how many were stored.
 */
export async function ingestUiEvents(userId: string, events: UiEvent[]): Promise<{ accepted: number }> {
  const now = clock.now().getTime();
  const types: string[] = [];
  const props: string[] = [];
  const times: string[] = [];
  for (const e of events) {
    const at = e.occurredAt ? Date.parse(e.occurredAt) : now;
    const t = at < now - MAX_AGE_MS || at > now + MAX_AHEAD_MS ? now : at;
    types.push(e.type);
    props.push(JSON.stringify(e.type === 'page_view' ? { ...e.properties, path: e.path } : { ...e.properties, feature: e.feature }));
    times.push(new Date(t).toISOString());
  }
  const pool = (db() as unknown as { connectionManager: Pool }).connectionManager;
  const client = await pool.getConnection({ type: 'write' });
  try {
    await client.query(`BEGIN; SET LOCAL synchronous_commit TO off`);
    try {
      await client.query(INSERT, [userId, types, props, times]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await pool.releaseConnection(client);
  }
  return { accepted: events.length };
}
