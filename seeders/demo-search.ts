/**
 * A month of searches for the demo: what the demo customers and the staff looked for. Each search is run
 * against the demo's own index as it is seeded, so the history records what that search finds; the
 * searches are spread over the last 30 days, within each person's active time. They fill the search
 * page's history and popular searches and the console's query reports (top queries and those that found
 * nothing).
 */

import { QueryTypes } from 'sequelize';
import { db } from '../server/src/db/sequelize';
import { HOUR_MS, DAY_MS } from '../server/src/lib/time';
import { drainSearchOutbox } from '../server/src/modules/search/indexer';
import { flushSearchLog, recordSearchQuery } from '../server/src/modules/search/history.service';
import { getSearchEngine } from '../server/src/modules/search/registry';
import { SEARCH_TYPES, type SearchFilters } from '../server/src/modules/search/search-engine';
import { CUSTOMER_TYPES } from '../server/src/modules/search/search-scope';

/** What customers look for: words of the demo's code and analyses, and a few things it does not have. */
const CUSTOMER_QUERIES = ['retry', 'cart total', 'debounce', 'eval', 'slug', 'import orders', 'sql', 'todo', 'invoice pdf', 'webhook signature', 'parse csv', 'console'];
/** What Casey (customer@example.com) looked for, oldest first. */
const CASEY_QUERIES = ['retry', 'cart total', 'checkout', 'invoice pdf', 'debounce', 'backoff', 'eval', 'retry'];
/** What the staff looked for across every customer. */
const STAFF_QUERIES: Record<string, string[]> = {
  'support@example.com': ['casey', 'customer@example.com', 'retry', 'frankie', 'quality analysis'],
  'ops@example.com': ['eval', 'cart total', 'stripe webhook'],
};
/** How many customers besides Casey searched (of those active in the last 20 days). */
const SEARCHERS = 12;

interface Person {
  id: string;
  email: string;
  createdAt: Date;
  lastActiveAt: Date | null;
}

/** Seeds the searches (after the demo data is committed: it indexes it first); returns how many. */
export async function seedDemoSearches(now: Date): Promise<number> {
  await drainSearchOutbox(); // the index holds the demo before anyone searches it
  const people = await db().query<Person>(
    `SELECT u.id, u.email, u.created_at AS "createdAt", u.last_active_at AS "lastActiveAt"
       FROM users u
      WHERE u.status = 'active' AND u.deleted_at IS NULL
        AND (u.email IN (:staff) OR (u.last_active_at > :since AND NOT EXISTS (SELECT 1 FROM admin_users a WHERE a.user_id = u.id)
             AND EXISTS (SELECT 1 FROM projects p WHERE p.owner_id = u.id)))
      ORDER BY u.email = 'customer@example.com' DESC, u.created_at, u.id`,
    { replacements: { staff: Object.keys(STAFF_QUERIES), since: new Date(now.getTime() - 20 * DAY_MS) }, type: QueryTypes.SELECT },
  );
  const staff = people.filter((p) => p.email in STAFF_QUERIES);
  const [casey, ...others] = people.filter((p) => !(p.email in STAFF_QUERIES));
  const plan: Array<{ person: Person; queries: string[]; filters: SearchFilters }> = [
    ...(casey?.email === 'customer@example.com' ? [{ person: casey, queries: CASEY_QUERIES, filters: { ownerId: casey.id, types: CUSTOMER_TYPES } }] : []),
    ...others.slice(0, SEARCHERS).map((person, i) => ({
      person,
      // three each, so that several customers share the common ones (popular searches need three people)
      queries: [0, 1, 2].map((k) => CUSTOMER_QUERIES[(i + k * 5) % CUSTOMER_QUERIES.length]),
      filters: { ownerId: person.id, types: CUSTOMER_TYPES },
    })),
    ...staff.map((person) => ({ person, queries: STAFF_QUERIES[person.email], filters: { types: [...SEARCH_TYPES] } })),
  ];

  const engine = getSearchEngine();
  let count = 0;
  for (const { person, queries, filters } of plan) {
    const last = Math.min(now.getTime() - HOUR_MS, (person.lastActiveAt ?? now).getTime());
    const first = Math.max(now.getTime() - 29 * DAY_MS, person.createdAt.getTime());
    for (const [i, q] of queries.entries()) {
      if (last <= first) break;
      // evenly over their active part of the month, oldest first
      const at = new Date(first + ((last - first) * (i + 1)) / (queries.length + 1));
      const groups = await engine.searchGroups({ q, filters, limit: 1, offset: 0 }, filters.types!);
      recordSearchQuery(person.id, q, 'all', Object.values(groups).reduce((n, g) => n + g.total, 0), at);
      count++;
    }
  }
  await flushSearchLog();
  return count;
}
