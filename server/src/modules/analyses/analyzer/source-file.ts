/**
 * A crude tokeniser. Rules must not fire on `eval(` written inside a string or `==` inside a comment,
 * so before any rule runs every character is classified as code, string content or comment, and the
 * rules read "masked" copies of the text in which everything else is blanked to spaces.
 *
 * Masking is character-for-character (newlines are always kept), so an offset or a line/column is the
 * same in the raw text, the code view and the comment view; rules can find something in one view and
 * look at the same spot in another.
 *
 * Known limits, accepted because this is a heuristic analyzer and not a parser: JavaScript regex
 * literals are read as code (a quote inside one opens a string until the end of the line), and
 * C-like single quotes are always character literals (so Rust lifetimes confuse it the same way).
 */

import type { DetectedLanguage, LanguageFamily } from './language';
import { BracketPairs } from './structure';

const CODE = 'c';
const STRING = 's';
const COMMENT = 'm';

export interface StringLiteral {
  /** Offset of the opening delimiter (after any Python prefix such as `f`). */
  start: number;
  /** Offset just past the closing delimiter, or where an unterminated literal stops. */
  end: number;
  /** Raw text between the delimiters; for template literals this includes the `${...}` parts. */
  value: string;
  /** Template literal with `${}` or Python f-string with `{}`: the text is assembled at runtime. */
  interpolated: boolean;
}

export interface SourceFile {
  language: DetectedLanguage;
  /** Raw lines (CRLF normalised to LF). */
  lines: string[];
  /** Per line: comments and string contents blanked; quote delimiters are kept so `"" + x` stays visible. */
  code: string[];
  /** Per line: only the comment characters. */
  comments: string[];
  /** Per line: one of `c` (code), `s` (string content), `m` (comment) per character. */
  kinds: string[];
  /** `code` joined with newlines, for rules that must look across lines. */
  codeText: string;
  /** `comments` joined with newlines. */
  commentText: string;
  strings: StringLiteral[];
  /** Matching brackets in `codeText`. */
  brackets: BracketPairs;
  /** Offset at which each line starts. */
  lineStarts: number[];
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

interface Syntax {
  lineComment: string;
  blockComments: boolean;
  quotes: string;
  /** Python: triple quotes and string prefixes (f, r, b, u). */
  python: boolean;
}

const SYNTAX: Readonly<Record<LanguageFamily, Syntax>> = {
  javascript: { lineComment: '//', blockComments: true, quotes: '\'"`', python: false },
  'c-like': { lineComment: '//', blockComments: true, quotes: '\'"', python: false },
  python: { lineComment: '#', blockComments: false, quotes: '\'"', python: true },
};

export function parseSource(content: string, language: DetectedLanguage): SourceFile {
  const text = content.replace(/\r\n?/g, '\n');
  const { kinds, strings } = new Scanner(text, SYNTAX[language.family]).run();
  const codeText = keepOnly(text, kinds, CODE);
  const commentText = keepOnly(text, kinds, COMMENT);
  return {
    language,
    lines: text.split('\n'),
    code: codeText.split('\n'),
    comments: commentText.split('\n'),
    kinds: splitLike(kinds, text),
    codeText,
    commentText,
    strings,
    brackets: new BracketPairs(codeText),
    lineStarts: lineStartsOf(text),
  };
}

/** 1-based line and column of an offset. */
export function positionOf(source: SourceFile, offset: number): Position {
  const starts = source.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

function keepOnly(text: string, kinds: string, keep: string): string {
  const out = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    out[i] = ch === '\n' || kinds[i] === keep ? ch : ' ';
  }
  return out.join('');
}

/** Cuts the per-character kinds into lines at the same places as the text. */
function splitLike(kinds: string, text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    out.push(kinds.slice(from, nl));
    from = nl + 1;
  }
  out.push(kinds.slice(from));
  return out;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Single pass over the text; a small state machine with a stack for template-literal interpolations. */
class Scanner {
  private readonly kinds: string[];
  private readonly strings: StringLiteral[] = [];
  /** Open `${` of template literals, innermost last, with the `{` depth seen inside each. */
  private readonly interpolations: { literalStart: number; depth: number }[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly syntax: Syntax,
  ) {
    this.kinds = new Array<string>(text.length).fill(CODE);
  }

  run(): { kinds: string; strings: StringLiteral[] } {
    while (this.i < this.text.length) this.step();
    return { kinds: this.kinds.join(''), strings: this.strings };
  }

  private step(): void {
    const { text, syntax, i } = this;
    const ch = text[i];
    if (text.startsWith(syntax.lineComment, i)) return this.lineComment();
    if (syntax.blockComments && text.startsWith('/*', i)) return this.blockComment();
    if (syntax.quotes.includes(ch)) return ch === '`' ? this.template(i + 1, i, false) : this.quoted();
    if (this.interpolations.length > 0 && this.closesInterpolation(ch)) return;
    this.i++;
  }

  private lineComment(): void {
    const newline = this.text.indexOf('\n', this.i);
    const end = newline < 0 ? this.text.length : newline;
    this.mark(this.i, end, COMMENT);
    this.i = end;
  }

  private blockComment(): void {
    const close = this.text.indexOf('*/', this.i + 2);
    const end = close < 0 ? this.text.length : close + 2;
    this.mark(this.i, end, COMMENT);
    this.i = end;
  }

  /** '...' and "..." (and Python '''...''' / """..."""). Delimiters stay code, the content is string. */
  private quoted(): void {
    const { text } = this;
    const start = this.i;
    const quote = text[start];
    const triple = this.syntax.python && text.startsWith(quote.repeat(3), start);
    const delimiter = triple ? quote.repeat(3) : quote;
    let j = start + delimiter.length;
    while (j < text.length && !text.startsWith(delimiter, j)) {
      // An unterminated one-line literal stops at the line end, so one stray quote cannot hide the rest
      // of the file from the rules.
      if (!triple && text[j] === '\n') break;
      j += text[j] === '\\' ? 2 : 1;
    }
    const contentEnd = Math.min(j, text.length);
    const closed = text.startsWith(delimiter, contentEnd);
    const value = text.slice(start + delimiter.length, contentEnd);
    this.mark(start + delimiter.length, contentEnd, STRING);
    const end = closed ? contentEnd + delimiter.length : contentEnd;
    this.strings.push({ start, end, value, interpolated: this.isFString(start) && value.includes('{') });
    this.i = end;
  }

  /**
   * Template literal body from `from`. Stops at the closing backtick, or at `${`, in which case the
   * interpolation is scanned as ordinary code until `closesInterpolation` resumes the literal.
   */
  private template(from: number, literalStart: number, interpolated: boolean): void {
    const { text } = this;
    let j = from;
    while (j < text.length) {
      if (text[j] === '`') {
        this.strings.push({ start: literalStart, end: j + 1, value: text.slice(literalStart + 1, j), interpolated });
        this.i = j + 1;
        return;
      }
      if (text.startsWith('${', j)) {
        this.mark(j, j + 2, STRING);
        this.interpolations.push({ literalStart, depth: 0 });
        this.i = j + 2;
        return;
      }
      const width = text[j] === '\\' ? 2 : 1;
      this.mark(j, j + width, STRING);
      j += width;
    }
    this.strings.push({ start: literalStart, end: text.length, value: text.slice(literalStart + 1), interpolated });
    this.i = text.length;
  }

  /** Tracks braces inside `${ ... }`; the brace that closes the interpolation resumes the literal. */
  private closesInterpolation(ch: string): boolean {
    const open = this.interpolations[this.interpolations.length - 1];
    if (ch === '{') open.depth++;
    if (ch !== '}') return false;
    if (open.depth > 0) {
      open.depth--;
      return false;
    }
    this.interpolations.pop();
    this.mark(this.i, this.i + 1, STRING);
    this.template(this.i + 1, open.literalStart, true);
    return true;
  }

  private isFString(quoteAt: number): boolean {
    if (!this.syntax.python) return false;
    const prefix = /(?:^|\W)([rRbBuUfF]{1,2})$/.exec(this.text.slice(Math.max(0, quoteAt - 3), quoteAt));
    return prefix !== null && /f/i.test(prefix[1]);
  }

  private mark(from: number, to: number, kind: string): void {
    const end = Math.min(to, this.kinds.length);
    for (let k = from; k < end; k++) this.kinds[k] = kind;
  }
}
