import type { AuthContext } from '../../http/auth-context';
import { queryWords } from './code-terms';
import { getSearchEngine } from './registry';
import type { SearchQuery } from './search.schemas';
import { canSearchEverything, dayAfter, scopeFilters } from './search-scope';
import { presentHit, type SearchHit } from './search-hit.presenter';
import { recordSearchQuery } from './history.service';
import type { EngineResult, SearchType } from './search-engine';

export interface SearchResult {
  query: string;
  total: number;
  limit: number;
  offset: number;
  engine: string;
  tookMs: number;
  /** Present when only the newest `window` documents of each type were searched (see EngineResult). */
  window?: number;
  hits: SearchHit[];
}

export interface GroupedSearchResult {
  query: string;
  total: number;
  engine: string;
  tookMs: number;
  groups: Array<{ type: SearchType; total: number; window?: number; hits: SearchHit[] }>;
}

/** Searches one kind of document (or the `type` list), scoped to what the caller may see. */
export async function searchDocuments(auth: AuthContext, query: SearchQuery, only?: SearchType[]): Promise<SearchResult> {
  const started = performance.now();
  const engine = getSearchEngine();
  const words = queryWords(query.q);
  const types = only ? (query.type?.length ? query.type.filter((t) => only.includes(t)) : only) : query.type;
  // /search/code?type=project asks for nothing that route can return
  const filters = only && !types?.length ? null : scopeFilters(auth, wantedFilters(query, types));
  const result: EngineResult = filters && words.length ? await engine.search({ q: query.q, filters, limit: query.limit, offset: query.offset }) : { hits: [], total: 0 };
  const app = canSearchEverything(auth) ? 'admin' : 'portal';
  const out: SearchResult = {
    query: query.q,
    total: result.total,
    limit: query.limit,
    offset: query.offset,
    engine: engine.name,
    tookMs: Math.round(performance.now() - started),
    ...(result.window ? { window: result.window } : {}),
    hits: result.hits.map((h) => presentHit(h, words, app)),
  };
  if (words.length && query.offset === 0) recordSearchQuery(auth.user.id, query.q, only?.join(',') ?? types?.join(',') ?? 'all', out.total);
  return out;
}

/** Every type the caller may see, a few hits each (the header box and the search page's overview). */
export async function searchGrouped(auth: AuthContext, query: SearchQuery): Promise<GroupedSearchResult> {
  const started = performance.now();
  const engine = getSearchEngine();
  const words = queryWords(query.q);
  const base = scopeFilters(auth, wantedFilters(query, query.type));
  const app = canSearchEverything(auth) ? 'admin' : 'portal';
  const types = base?.types ?? [];
  const results = base && words.length ? await engine.searchGroups({ q: query.q, filters: base, limit: query.limit, offset: query.offset }, types) : {};
  const groups = types.map((type) => {
    const r = results[type];
    return { type, total: r?.total ?? 0, ...(r?.window ? { window: r.window } : {}), hits: (r?.hits ?? []).map((h) => presentHit(h, words, app)) };
  });
  const nonEmpty = groups.filter((g) => g.total > 0);
  const total = groups.reduce((n, g) => n + g.total, 0);
  if (words.length && query.offset === 0) recordSearchQuery(auth.user.id, query.q, 'all', total);
  return { query: query.q, total, engine: engine.name, tookMs: Math.round(performance.now() - started), groups: nonEmpty };
}

function wantedFilters(query: SearchQuery, types: SearchType[] | undefined) {
  return {
    types,
    status: query.status,
    ownerId: query.owner_id,
    dateFrom: query.date_from ? `${query.date_from}T00:00:00.000Z` : undefined,
    dateTo: query.date_to ? dayAfter(query.date_to) : undefined,
  };
}
