/**
 * "Did you mean": when a search finds nothing, each typed word the caller's documents do not contain is
 * replaced by the closest word they do contain, within Meilisearch's typo budget (none under five letters,
 * one typo from five, two from nine), so the correction offered on the PostgreSQL engine is one Meilisearch
 * would have matched by itself.
 */

/** What the engine knows of one typed word, among the words of the documents the caller may see. */
export interface WordCandidates {
  word: string;
  /** The documents contain the word itself. */
  exact: boolean;
  /** The documents contain a word that begins with it (the last word typed is a beginning). */
  prefix: boolean;
  /** Words of the documents that look like it, the likeliest first. */
  similar: string[];
}

/** Typos a word may carry and still be corrected: Meilisearch's defaults. */
export function typoBudget(word: string): number {
  if (/\p{N}/u.test(word)) return 0; // numbers and ids are typed as they are
  const n = [...word].length;
  return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}

/** Edits between two words: insertions, deletions, substitutions and swaps of two neighbours, one each. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * The query's words with the unknown ones corrected, or null when there is nothing to correct (every word
 * is known, or an unknown word has no close enough match). `found` has one entry per word, in order.
 */
export function correctWords(words: string[], found: WordCandidates[]): string[] | null {
  let changed = false;
  const out: string[] = [];
  for (const [i, word] of words.entries()) {
    const c = found.find((f) => f.word === word);
    const last = i === words.length - 1;
    if (!c || c.exact || (last && c.prefix)) {
      out.push(word);
      continue;
    }
    const budget = typoBudget(word);
    let best: string | undefined;
    let bestDistance = budget + 1;
    for (const candidate of c.similar) {
      const distance = editDistance(word, candidate);
      if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    if (!best) return null;
    out.push(best);
    changed = true;
  }
  return changed ? out : null;
}
