import { plainSelect } from '../../../db/plain-query';
import type { WordCandidates } from '../spelling';

/**
 * What the documents of `source` know of each query word (see spelling.ts): `source` is a subquery of
 * rows with a `tsv` column, its parameters in `bind`, whose first value is the words. The dictionary is
 * every word of their full-text vectors with the number of documents holding it; similar words come from
 * pg_trgm, the likeliest first: most alike, then in the most documents. Only a search that found nothing
 * asks, so the source may be a few thousand documents.
 */
export function spellingCandidates(source: string, bind: unknown[]): Promise<WordCandidates[]> {
  return plainSelect<WordCandidates>(
    `WITH dict AS MATERIALIZED (
       SELECT word, count(*) AS ndoc FROM ${source} s CROSS JOIN LATERAL unnest(tsvector_to_array(s.tsv)) word GROUP BY word
     )
     SELECT t.w AS word,
            EXISTS (SELECT 1 FROM dict d WHERE d.word = t.w) AS exact,
            EXISTS (SELECT 1 FROM dict d WHERE starts_with(d.word, t.w)) AS prefix,
            ARRAY(SELECT d.word FROM dict d WHERE similarity(d.word, t.w) >= 0.3 ORDER BY similarity(d.word, t.w) DESC, d.ndoc DESC, d.word LIMIT 5) AS similar
       FROM unnest($1::text[]) t(w)`,
    bind,
  );
}
