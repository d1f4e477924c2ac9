import type { AuthContext } from '../../http/auth-context';
import { getSearchEngine } from './registry';
import type { SuggestionsQuery } from './search.schemas';
import { scopeFilters } from './search-scope';

/** Completions for what is being typed: matching titles of the caller's documents, typo-tolerant. */
export async function suggest(auth: AuthContext, query: SuggestionsQuery): Promise<{ query: string; suggestions: string[] }> {
  const filters = scopeFilters(auth, { types: query.type });
  if (!filters || !query.q) return { query: query.q, suggestions: [] };
  return { query: query.q, suggestions: await getSearchEngine().suggest(query.q, filters, query.limit) };
}
