import type { AuthContext } from '../../http/auth-context';
import { queryWords } from './code-terms';
import { getSearchEngine } from './registry';
import type { SearchQuery } from './search.schemas';
import { canSearchEverything, dayAfter, scopeFilters } from './search-scope';
import { presentHit, type SearchHit } from './search-hit.presenter';
import { recordSearchQuery } from './history.service';
import type { EngineResult, SearchFilters, SearchType } from './search-engine';
import { correctWords } from './spelling';

export interface SearchResult {
  query: string;
  total: number;
  limit: number;
  offset: number;
  engine: string;
  tookMs: number;
  /** Present when only the newest `window` documents of each type were searched (see EngineResult). */
  window?: number;
  /** When nothing was found: a corrected query that finds something (spelling.ts). */
  didYouMean?: string;
  hits: SearchHit[];
}

export interface GroupedSearchResult {
  query: string;
  total: number;
  engine: string;
  tookMs: number;
  didYouMean?: string;
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
  const correction = filters && result.total === 0 && query.offset === 0 ? await didYouMean(words, filters) : undefined;
  const out: SearchResult = {
    query: query.q,
    total: result.total,
    limit: query.limit,
    offset: query.offset,
    engine: engine.name,
    tookMs: Math.round(performance.now() - started),
    ...(result.window ? { window: result.window } : {}),
    ...(correction ? { didYouMean: correction } : {}),
    hits: result.hits.map((h) => presentHit(h, words, app)),
  };
  if (logsSearch(auth, words, query)) recordSearchQuery(auth.user.id, query.q, only?.join(',') ?? types?.join(',') ?? 'all', out.total);
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
  if (logsSearch(auth, words, query)) recordSearchQuery(auth.user.id, query.q, 'all', total);
  const correction = base && total === 0 && query.offset === 0 ? await didYouMean(words, base) : undefined;
  return { query: query.q, total, engine: engine.name, tookMs: Math.round(performance.now() - started), ...(correction ? { didYouMean: correction } : {}), groups: nonEmpty };
}

/**
 * Whether a search goes into the user's history, popular searches and the reports: a first page with words
 * in it, searched by the user themself. Support viewing as a customer (read-only) leaves no trace there,
 * as it leaves no analytics events.
 */
function logsSearch(auth: AuthContext, words: string[], query: SearchQuery): boolean {
  return words.length > 0 && query.offset === 0 && !auth.impersonatorId;
}

/**
 * For a search that found nothing: its words corrected to words of the documents the caller may see
 * (spelling.ts), offered only when the corrected search finds something. Engines that tolerate typos in
 * their searches (Meilisearch) offer none.
 */
async function didYouMean(words: string[], filters: SearchFilters): Promise<string | undefined> {
  const engine = getSearchEngine();
  if (!words.length || !engine.spellingCandidates) return undefined;
  const corrected = correctWords(words, await engine.spellingCandidates(words, filters));
  if (!corrected) return undefined;
  const q = corrected.join(' ');
  return (await engine.search({ q, filters, limit: 1, offset: 0 })).total > 0 ? q : undefined;
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
