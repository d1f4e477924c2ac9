/**
 * Code-aware text preparation shared by both engines. Neither PostgreSQL's parser nor Meilisearch's
 * tokenizer splits `parseInvoiceTotal`, and they disagree on `parse_invoice_total` and
 * `billing.invoice.total`, so we index the parts ourselves and split queries the same way.
 */

const WORD = /[\p{L}\p{N}]+/gu;
/** A word with an upper-case letter or a digit; any other word has no camelCase or digit boundary to split at. */
const SPLITTABLE = /[\p{Lu}\p{N}]/u;
/** A run of letters/digits possibly joined by `_`, `.`, `-`, `$` — an identifier or dotted path. */
const IDENTIFIER = /[\p{L}\p{N}_$]+(?:[.\-:/@+][\p{L}\p{N}_$]+)*/gu;

/** Splits one word at camelCase / PascalCase / digit boundaries: `parseHTTPResponse2` → parse, HTTP, Response, 2. */
export function splitCamel(word: string): string[] {
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(' ')
    .filter(Boolean);
}

/** splitCamel, skipping its four regex passes for the common plain lower-case word (nothing to split). */
export function camelParts(word: string): string[] {
  return SPLITTABLE.test(word) ? splitCamel(word) : [word];
}

/** Lower-case parts of every compound identifier in the text (the whole words are indexed from the text itself). */
export function codeTerms(text: string, maxChars = 200_000): string {
  const out = new Set<string>();
  for (const m of text.slice(0, maxChars).matchAll(IDENTIFIER)) {
    const token = m[0];
    for (const w of token.match(WORD) ?? []) {
      const parts = camelParts(w); // most words are plain lower case: half the JS cost of a rebuild
      const compound = parts.length > 1 || w !== token;
      if (!compound) continue;
      out.add(w.toLowerCase());
      if (parts.length > 1) for (const p of parts) out.add(p.toLowerCase());
    }
  }
  return [...out].join(' ');
}

/**
 * A user's query as lower-case words, identifiers split into parts: "parseInvoice total" → parse, invoice,
 * total. Quotes and operators are dropped; both engines receive the same words.
 */
export function queryWords(q: string): string[] {
  const words: string[] = [];
  for (const w of q.match(WORD) ?? []) for (const p of camelParts(w)) words.push(p.toLowerCase());
  return words.slice(0, 12);
}
