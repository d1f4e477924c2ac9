import { QueryTypes } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { queryWords } from './code-terms';
import { track } from '../analytics/track';

/** Normalised form used to group queries: "parseInvoice  Total" and "parse invoice total" count as one. */
export const normalizeQuery = (q: string): string => queryWords(q).join(' ');

/** Logs a search (for the user's history, popular searches and the admin reports). */
export async function recordSearchQuery(userId: string, query: string, scope: string, resultCount: number): Promise<void> {
  await db().query('INSERT INTO search_queries (user_id, query, normalized, scope, result_count, created_at) VALUES ($1, $2, $3, $4, $5, $6)', {
    bind: [userId, query.slice(0, 200), normalizeQuery(query), scope, resultCount, clock.now()],
  });
  // Product analytics: how long the query was and what it found, never the text itself.
  await track({ type: 'search', userId, properties: { scope, queryLength: query.length, results: resultCount } });
}

/** The user's own recent distinct queries, newest first. */
export async function searchHistory(userId: string, limit = 20): Promise<Array<{ query: string; resultCount: number; searchedAt: string }>> {
  const rows = await db().query<{ query: string; result_count: number; created_at: Date }>(
    `SELECT DISTINCT ON (normalized) query, result_count, created_at FROM search_queries
      WHERE user_id = $1 AND created_at > $2 ORDER BY normalized, created_at DESC`,
    { bind: [userId, new Date(clock.now().getTime() - 90 * 86_400_000)], type: QueryTypes.SELECT },
  );
  return rows
    .sort((a, b) => +new Date(b.created_at) - +new Date(a.created_at))
    .slice(0, limit)
    .map((r) => ({ query: r.query, resultCount: r.result_count, searchedAt: new Date(r.created_at).toISOString() }));
}

/** Clears the user's history. */
export async function clearSearchHistory(userId: string): Promise<void> {
  await db().query('DELETE FROM search_queries WHERE user_id = $1', { bind: [userId] });
}

/**
 * Popular searches over the last 30 days. Customers see only queries that at least three different
 * people ran with results, so no one's unusual query text (a customer name, a secret) leaks to others.
 */
export async function popularSearches(opts: { everyone: boolean; limit?: number }): Promise<Array<{ query: string; count: number }>> {
  const rows = await db().query<{ query: string; n: number }>(
    `SELECT min(query) AS query, count(*)::int AS n FROM search_queries
      WHERE created_at > $1 AND result_count > 0 AND normalized <> ''
      GROUP BY normalized HAVING count(DISTINCT user_id) >= $2
      ORDER BY n DESC, normalized LIMIT $3`,
    { bind: [new Date(clock.now().getTime() - 30 * 86_400_000), opts.everyone ? 1 : 3, opts.limit ?? 10], type: QueryTypes.SELECT },
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
