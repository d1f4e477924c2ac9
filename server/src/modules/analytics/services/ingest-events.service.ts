import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import type { UiEvent } from '../analytics.schemas';

// A client clock may be off, and a batch may sit in a tab for a while: timestamps older than this or
// in the future are replaced by the server's time (a page view is never back-dated into a closed day).
const MAX_AGE_MS = 60 * 60 * 1000;
const MAX_AHEAD_MS = 60 * 1000;

interface PgClient {
  query(sql: string): Promise<unknown>;
  query<S extends NodeJS.WritableStream>(stream: S): S;
}
interface Pool {
  getConnection(options: { type: string }): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

const COPY = `COPY analytics_events (user_id, event_type, source, properties, occurred_at) FROM STDIN`;

/**
 * Stores a batch of UI events for one user with one COPY (PostgreSQL's bulk path: rows go to the table in
 * batches, far cheaper per row than an INSERT), on a pooled connection past Sequelize (this is the hottest
 * write). The commit does not wait for the WAL flush (synchronous_commit off, this transaction only): a
 * database crash may lose the last fraction of a second of page views, never leave half a batch, and the
 * intake saves a disk flush per batch. Returns how many were stored.
 */
export async function ingestUiEvents(userId: string, events: UiEvent[]): Promise<{ accepted: number }> {
  const now = clock.now().getTime();
  let text = '';
  for (const e of events) {
    const at = e.occurredAt ? Date.parse(e.occurredAt) : now;
    const t = at < now - MAX_AGE_MS || at > now + MAX_AHEAD_MS ? now : at;
    const properties = JSON.stringify(e.type === 'page_view' ? { ...e.properties, path: e.path } : { ...e.properties, feature: e.feature });
    // COPY text format: JSON has no raw tab or newline (JSON.stringify escapes them), only backslashes to double.
    text += `${userId}\t${e.type}\tui\t${properties.replace(/\\/g, '\\\\')}\t${new Date(t).toISOString()}\n`;
  }
  const pool = (db() as unknown as { connectionManager: Pool }).connectionManager;
  const client = await pool.getConnection({ type: 'write' });
  try {
    await client.query(`BEGIN; SET LOCAL synchronous_commit TO off`);
    try {
      await pipeline(Readable.from([text]), client.query(copyFrom(COPY)));
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
