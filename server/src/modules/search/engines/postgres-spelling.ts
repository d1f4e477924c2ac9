import { plainSelect } from '../../../db/plain-query';
import { SEARCH_TYPES, type SearchFilters } from '../search-engine';
import type { WordCandidates } from '../spelling';

/** A customer's words come from their newest documents, up to this many. */
const OWNER_DOCUMENTS = 2_000;

/**
 * What the documents the caller may see know of each query word (see spelling.ts), from the words of
 * their full-text vectors (ts_stat): a customer's own documents, or for a search across every customer the
 * newest `window` documents of each type (the whole index has too many words to compare). Similar words
 * come from pg_trgm, the likeliest first: most alike, then in the most documents. Only a search that found
 * nothing asks, so this may read a few thousand vectors.
 */
export async function spellingCandidates(words: string[], filters: SearchFilters, window: number): Promise<WordCandidates[]> {
  const types = filters.types?.length ? filters.types : SEARCH_TYPES;
  // ts_stat runs a query given as text: the values are quoted into it by format(%L)
  const [source, params] = filters.ownerId
    ? [`format('SELECT tsv FROM search_documents WHERE owner_id = %L AND type = ANY(%L::text[]) ORDER BY date DESC LIMIT %s', $2::text, $3::text[], $4::int)`, [filters.ownerId, types, OWNER_DOCUMENTS]]
    : [`format('SELECT w.tsv FROM unnest(%L::text[]) t(type) CROSS JOIN LATERAL (SELECT d.tsv FROM search_documents d WHERE d.type = t.type ORDER BY d.date DESC LIMIT %s) w', $2::text[], $3::int)`, [types, window]];
  return plainSelect<WordCandidates>(
    `WITH dict AS MATERIALIZED (SELECT word, ndoc FROM ts_stat(${source}))
     SELECT t.w AS word,
            EXISTS (SELECT 1 FROM dict d WHERE d.word = t.w) AS exact,
            EXISTS (SELECT 1 FROM dict d WHERE starts_with(d.word, t.w)) AS prefix,
            ARRAY(SELECT d.word FROM dict d WHERE similarity(d.word, t.w) >= 0.3 ORDER BY similarity(d.word, t.w) DESC, d.ndoc DESC, d.word LIMIT 5) AS similar
       FROM unnest($1::text[]) t(w)`,
    [words, ...params],
  );
}
