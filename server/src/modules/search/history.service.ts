import { QueryTypes } from 'sequelize';
import { db, onDatabaseClose } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { queryWords } from './code-terms';
import { logger } from '../../lib/logger';
import { DAY_MS } from '../../lib/time';

/** Normalised form used to group queries: "parseInvoice  Total" and "parse invoice total" count as one. */
export const normalizeQuery = (q: string): string => queryWords(q).join(' ');

interface LoggedQuery {
  userId: string;
  query: string;
  /** the full query's length, for analytics (the stored text is cut at 200) */
  queryLength: number;
  scope: string;
  resultCount: number;
  at: Date;
}

/** How long a logged search may wait before it is written, and how many may wait. */
const FLUSH_MS = 200;
const FLUSH_AT = 500;
let pending: LoggedQuery[] = [];
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();

/**
 * Logs a search (for the user's history, popular searches and the admin reports) and its analytics event.
 * Neither is written in the request: searches are queued and written together, one INSERT each per
 * FLUSH_MS, which saves every search two round trips and two commits. Every read of the log flushes the
 * queue first, so this process's own reads never miss a search; a crash loses at most FLUSH_MS of history
 * and search counts, which are a convenience and a statistic, not a record.
 */
export function recordSearchQuery(userId: string, query: string, scope: string, resultCount: number, at: Date = clock.now()): void {
  pending.push({ userId, query: query.slice(0, 200), queryLength: query.length, scope, resultCount, at });
  if (pending.length >= FLUSH_AT) void flushSearchLog();
  else timer ??= setTimeout(() => void flushSearchLog(), FLUSH_MS).unref();
}

// Shutting down writes what is queued before the pool closes.
onDatabaseClose(() => flushSearchLog());

/** Writes the queued searches (one statement); resolves once everything queued before the call is written. */
export function flushSearchLog(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const batch = pending;
  pending = [];
  flushing = flushing.then(async () => {
    if (!batch.length) return;
    await Promise.resolve()
      .then(() =>
        db().query(
          // One statement for the batch: the history rows (skipping an account deleted or erased since its
          // search: its history must stay empty) and the searches' analytics events (analytics/track.ts's
          // 'search' event: how long the query was and what it found, never the text itself).
          `WITH q AS (
             SELECT q.*, u.deleted_at IS NULL AS keep_history
               FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::timestamptz[]) AS q(user_id, query, normalized, scope, query_length, result_count, at)
               JOIN users u ON u.id = q.user_id
           ),
           history AS (
             INSERT INTO search_queries (user_id, query, normalized, scope, result_count, created_at)
             SELECT user_id, query, normalized, scope, result_count, at FROM q WHERE keep_history
           )
           INSERT INTO analytics_events (user_id, event_type, source, properties, occurred_at)
           SELECT user_id, 'search', 'server', jsonb_build_object('scope', scope, 'queryLength', query_length, 'results', result_count), at FROM q`,
          {
            bind: [
              batch.map((e) => e.userId),
              batch.map((e) => e.query),
              batch.map((e) => normalizeQuery(e.query)),
              batch.map((e) => e.scope),
              batch.map((e) => e.queryLength),
              batch.map((e) => e.resultCount),
              batch.map((e) => e.at),
            ],
          },
        ),
      )
      // history and search counts are a convenience: a failed write (the database away, or already closed) is logged and dropped
      .catch((err: unknown) => logger.warn({ err, searches: batch.length }, 'search: could not record queries'));
  });
  return flushing;
}

/** The user's own recent distinct queries, newest first. */
export async function searchHistory(userId: string, limit = 20): Promise<Array<{ query: string; resultCount: number; searchedAt: string }>> {
  await flushSearchLog();
  const rows = await db().query<{ query: string; result_count: number; created_at: Date }>(
    `SELECT DISTINCT ON (normalized) query, result_count, created_at FROM search_queries
      WHERE user_id = $1 AND created_at > $2 ORDER BY normalized, created_at DESC`,
    { bind: [userId, new Date(clock.now().getTime() - 90 * DAY_MS)], type: QueryTypes.SELECT },
  );
  return rows
    .sort((a, b) => +new Date(b.created_at) - +new Date(a.created_at))
    .slice(0, limit)
    .map((r) => ({ query: r.query, resultCount: r.result_count, searchedAt: new Date(r.created_at).toISOString() }));
}

/** Clears the user's history. */
export async function clearSearchHistory(userId: string): Promise<void> {
  await flushSearchLog();
  await db().query('DELETE FROM search_queries WHERE user_id = $1', { bind: [userId] });
}

/**
 * Popular searches over the last 30 days. Customers see only queries that at least three different
 * customers ran with results, so no one's unusual query text (a customer name, a secret) leaks to others;
 * staff searches never count for them (support agents look customers up by name and e-mail).
 */
export async function popularSearches(opts: { everyone: boolean; limit?: number }): Promise<Array<{ query: string; count: number }>> {
  await flushSearchLog();
  const rows = await db().query<{ query: string; n: number }>(
    `SELECT min(q.query) AS query, count(*)::int AS n FROM search_queries q
      WHERE q.created_at > $1 AND q.result_count > 0 AND q.normalized <> ''
        AND ($4 OR NOT EXISTS (SELECT 1 FROM admin_users au WHERE au.user_id = q.user_id))
      GROUP BY q.normalized HAVING count(DISTINCT q.user_id) >= $2
      ORDER BY n DESC, q.normalized LIMIT $3`,
    { bind: [new Date(clock.now().getTime() - 30 * DAY_MS), opts.everyone ? 1 : 3, opts.limit ?? 10, opts.everyone], type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ query: r.query, count: r.n }));
}

/** For admins: top queries and queries that found nothing, over a date range (UTC days, inclusive). */
export async function searchQueryReport(range: { from: Date; to: Date; limit: number }): Promise<{
  from: string;
  to: string;
  totalQueries: number;
  top: Array<{ query: string; count: number; users: number; avgResults: number }>;
  zeroResults: Array<{ query: string; count: number; lastSearchedAt: string }>;
}> {
  await flushSearchLog();
  const bind = [range.from, range.to, range.limit];
  const [top, zero, [{ n }]] = await Promise.all([
    db().query<{ query: string; n: number; users: number; avg: number }>(
      `SELECT min(query) AS query, count(*)::int AS n, count(DISTINCT user_id)::int AS users, avg(result_count)::float AS avg
         FROM search_queries WHERE created_at >= $1 AND created_at < $2 AND normalized <> ''
        GROUP BY normalized ORDER BY n DESC, normalized LIMIT $3`,
      { bind, type: QueryTypes.SELECT },
    ),
    db().query<{ query: string; n: number; last: Date }>(
      `SELECT min(query) AS query, count(*)::int AS n, max(created_at) AS last
         FROM search_queries WHERE created_at >= $1 AND created_at < $2 AND result_count = 0 AND normalized <> ''
        GROUP BY normalized ORDER BY n DESC, normalized LIMIT $3`,
      { bind, type: QueryTypes.SELECT },
    ),
    db().query<{ n: number }>('SELECT count(*)::int AS n FROM search_queries WHERE created_at >= $1 AND created_at < $2', { bind: bind.slice(0, 2), type: QueryTypes.SELECT }),
  ]);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    totalQueries: n,
    top: top.map((r) => ({ query: r.query, count: r.n, users: r.users, avgResults: Math.round(r.avg * 10) / 10 })),
    zeroResults: zero.map((r) => ({ query: r.query, count: r.n, lastSearchedAt: new Date(r.last).toISOString() })),
  };
}
