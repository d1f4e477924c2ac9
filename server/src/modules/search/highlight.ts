import { camelParts } from './code-terms';

/**
 * Marks query words in original text, the same way for both engines: a text word or a part of an
 * identifier (`parse<mark>InvoiceTotal</mark>`) matches a query word exactly, or by prefix for the last
 * word (as typed). Everything else is HTML-escaped, so `<mark>` is the only markup in the result.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const EXCERPT_CHARS = 180;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The query word a piece of text matches: one of them exactly, or the last one as a prefix (as typed). */
function matchedWord(piece: string, words: string[]): string | undefined {
  const p = piece.toLowerCase();
  const last = words[words.length - 1];
  if (words.includes(p)) return p;
  return last !== undefined && p.startsWith(last) ? last : undefined;
}

/** Each [start, end) of text that matches, in order; stops after the first when `first` is set. */
function rawRanges(text: string, words: string[], first: boolean): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (!words.length) return ranges;
  for (const m of text.matchAll(WORD)) {
    const token = m[0];
    const start = m.index ?? 0;
    if (matchedWord(token, words) !== undefined) {
      ranges.push([start, start + token.length]);
      if (first) return ranges;
      continue;
    }
    let at = start;
    for (const part of camelParts(token)) {
      const offset = text.indexOf(part, at);
      if (matchedWord(part, words) !== undefined) {
        ranges.push([offset, offset + part.length]);
        if (first) return ranges;
      }
      at = offset + part.length;
    }
  }
  return ranges;
}

/** The query words that text matches. */
export function matchedWords(text: string, words: string[]): Set<string> {
  return new Set(rawRanges(text, words, false).map(([start, end]) => matchedWord(text.slice(start, end), words)!));
}

/** [start, end) ranges of text that match, adjacent ranges merged. */
export function matchRanges(text: string, words: string[]): Array<[number, number]> {
  const ranges = rawRanges(text, words, false);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && prev[1] === r[0]) prev[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export function markAll(text: string, words: string[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of matchRanges(text, words)) {
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * A short window of the first text that has a match (body, then the secondary fields), whitespace
 * collapsed, with the matches marked; the start of the body when nothing in it matches.
 */
export function excerpt(texts: string[], words: string[]): string {
  const flat = texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
  for (const text of flat) {
    // Only the first match places the window (a body can be 50,000 characters); the window is marked in full.
    const [match] = rawRanges(text, words, true);
    if (!match) continue;
    let start = Math.max(0, match[0] - 50);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < match[0]) start = space + 1;
    }
    const end = Math.min(text.length, start + EXCERPT_CHARS);
    return (start > 0 ? '…' : '') + markAll(text.slice(start, end), words) + (end < text.length ? '…' : '');
  }
  const first = flat[0] ?? '';
  return escapeHtml(first.slice(0, EXCERPT_CHARS)) + (first.length > EXCERPT_CHARS ? '…' : '');
}
