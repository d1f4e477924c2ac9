/**
 * Language detection. Rules only need to know the *family* of syntax they are reading (comment and
 * string delimiters, braces vs indentation), so every language collapses into one of three families.
 */

export type LanguageFamily = 'javascript' | 'python' | 'c-like';

export interface DetectedLanguage {
  family: LanguageFamily;
  /** False when neither the declared language nor the extension was recognised; the generic C-like
   * reading is then a guess, which lowers the confidence of the result. */
  known: boolean;
}

const JS = 'javascript';
const PY = 'python';
const C = 'c-like';

// Maps rather than object literals, so a language called "constructor" cannot hit Object.prototype.
const BY_NAME = new Map<string, LanguageFamily>([
  ['javascript', JS], ['js', JS], ['jsx', JS], ['node', JS], ['nodejs', JS],
  ['typescript', JS], ['ts', JS], ['tsx', JS],
  ['python', PY], ['python3', PY], ['py', PY],
  ['c', C], ['cpp', C], ['c++', C], ['csharp', C], ['c#', C], ['cs', C], ['java', C], ['go', C],
  ['golang', C], ['rust', C], ['kotlin', C], ['swift', C], ['php', C], ['scala', C], ['dart', C],
]);

const BY_EXTENSION = new Map<string, LanguageFamily>([
  ['js', JS], ['mjs', JS], ['cjs', JS], ['jsx', JS], ['ts', JS], ['mts', JS], ['cts', JS], ['tsx', JS],
  ['py', PY], ['pyw', PY],
  ['c', C], ['h', C], ['cc', C], ['cpp', C], ['cxx', C], ['hpp', C], ['cs', C], ['java', C], ['go', C],
  ['rs', C], ['kt', C], ['swift', C], ['php', C], ['scala', C], ['dart', C],
]);

/** The declared language wins; the filename extension is the fallback (customers often send "auto"). */
export function detectLanguage(language: string, filename: string): DetectedLanguage {
  const declared = BY_NAME.get(language.trim().toLowerCase());
  if (declared) return { family: declared, known: true };
  const dot = filename.lastIndexOf('.');
  const byExtension = dot >= 0 ? BY_EXTENSION.get(filename.slice(dot + 1).toLowerCase()) : undefined;
  if (byExtension) return { family: byExtension, known: true };
  return { family: 'c-like', known: false };
}
