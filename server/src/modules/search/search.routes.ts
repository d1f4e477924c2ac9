import { z } from 'zod';
import type { Api } from '../../http/route';
import type { Config } from '../../config';
import { actorOf } from '../admin/audit';
import { configureSearch } from './registry';
import { installSearchHooks } from './hooks';
import { didYouMeanSchema, rangeQuery, savedSearchBody, searchQuery, searchResultSchema, suggestionsQuery, hitSchema, searchWindowSchema } from './search.schemas';
import { searchDocuments, searchGrouped } from './search.service';
import { suggest } from './suggestions.service';
import { clearSearchHistory, popularSearches, searchHistory, searchQueryReport } from './history.service';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './saved-searches.service';
import { canSearchEverything, dayAfter, SEARCH_ADMIN } from './search-scope';
import { searchStatus } from './search-status.service';
import { startReindex } from './start-reindex.service';
import { clock } from '../../lib/clock';
import type { SearchType } from './search-engine';
import { DAY_MS } from '../../lib/time';

const TAGS = ['Search'];
const idParams = z.object({ id: z.string().uuid() });

/** The search API: global and per-type search, suggestions, history, saved searches and the admin tools. */
export function searchRoutes(api: Api, config: Config): void {
  configureSearch(config);
  installSearchHooks();

  api.route({
    method: 'get', path: '/search', tags: TAGS, query: searchQuery,
    summary: 'Search everything the caller may see, grouped by type (limit/offset apply per group)',
    response: z.object({ query: z.string(), total: z.number(), engine: z.string(), tookMs: z.number(), didYouMean: didYouMeanSchema, groups: z.array(z.object({ type: z.string(), total: z.number(), window: searchWindowSchema, hits: z.array(hitSchema) })) }),
    handler: ({ auth, query }) => searchGrouped(auth, query),
  });

  const perType: Array<[path: string, types: SearchType[], summary: string, permission?: string]> = [
    ['/search/projects', ['project'], 'Search projects (name, description, owner)'],
    ['/search/analyses', ['analysis'], 'Search analyses (type, findings, confidence, date)'],
    ['/search/intakes', ['intake'], 'Search customer intakes (customer name, company, status, date)'],
    ['/search/code', ['snippet'], 'Search code snippets (filename, language, content; camelCase and snake_case aware)'],
    ['/search/customers', ['user'], 'Search user accounts by name and e-mail (admins)', SEARCH_ADMIN],
  ];
  for (const [path, types, summary, permission] of perType) {
    api.route({
      method: 'get', path, tags: TAGS, query: searchQuery, summary, response: searchResultSchema, ...(permission ? { permission } : {}),
      handler: ({ auth, query }) => searchDocuments(auth, query, types),
    });
  }

  api.route({
    method: 'get', path: '/search/suggestions', tags: TAGS, query: suggestionsQuery,
    summary: 'Completions for a typed prefix (typo-tolerant)', response: z.object({ query: z.string(), suggestions: z.array(z.string()) }),
    handler: ({ auth, query }) => suggest(auth, query),
  });

  api.route({
    method: 'get', path: '/search/history', tags: TAGS, summary: "The caller's recent searches",
    response: z.array(z.object({ query: z.string(), resultCount: z.number(), searchedAt: z.string() })),
    handler: ({ auth }) => searchHistory(auth.user.id),
  });
  api.route({
    method: 'delete', path: '/search/history', tags: TAGS, status: 204, summary: "Clears the caller's search history",
    handler: async ({ auth }) => clearSearchHistory(auth.user.id),
  });

  api.route({
    method: 'get', path: '/search/popular', tags: TAGS, summary: 'Popular searches of the last 30 days',
    response: z.array(z.object({ query: z.string(), count: z.number() })),
    handler: ({ auth }) => popularSearches({ everyone: canSearchEverything(auth) }),
  });

  const savedSchema = z.object({ id: z.string(), name: z.string(), query: z.string(), filters: z.record(z.string(), z.unknown()), createdAt: z.string() }).meta({ id: 'SavedSearch' });
  api.route({
    method: 'get', path: '/search/saved', tags: TAGS, summary: "The caller's saved searches", response: z.array(savedSchema),
    handler: ({ auth }) => listSavedSearches(auth.user.id),
  });
  api.route({
    method: 'post', path: '/search/saved', tags: TAGS, body: savedSearchBody, summary: 'Saves a search (query and filters) under a name', response: savedSchema,
    handler: ({ auth, body }) => saveSearch(auth.user.id, body),
  });
  api.route({
    method: 'delete', path: '/search/saved/:id', tags: TAGS, params: idParams, status: 204, summary: 'Deletes a saved search',
    handler: ({ auth, params }) => deleteSavedSearch(auth.user.id, params.id),
  });

  // Console: engine state, rebuild, query reports.
  api.route({
    method: 'get', path: '/admin/search/status', tags: ['Admin: search'], permission: SEARCH_ADMIN,
    summary: 'Engine health, outbox depth and the latest rebuild',
    handler: () => searchStatus(),
  });
  api.route({
    method: 'post', path: '/admin/search/reindex', tags: ['Admin: search'], permission: SEARCH_ADMIN, status: 202,
    summary: 'Rebuilds the search index from the database (progress in /admin/search/status)',
    handler: ({ req, auth }) => startReindex({ ...actorOf(req), id: auth.user.id }),
  });
  api.route({
    method: 'get', path: '/admin/search/queries', tags: ['Admin: search'], permission: SEARCH_ADMIN, query: rangeQuery,
    summary: 'Top queries and queries with no results over a date range (default: the last 30 days)',
    handler: ({ query }) => {
      const to = query.date_to ? new Date(dayAfter(query.date_to)) : new Date(dayAfter(clock.now().toISOString().slice(0, 10)));
      const from = query.date_from ? new Date(`${query.date_from}T00:00:00Z`) : new Date(to.getTime() - 30 * DAY_MS);
      return searchQueryReport({ from, to, limit: query.limit });
    },
  });
}
