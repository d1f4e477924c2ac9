/**
 * Structural helpers shared by the rules: bracket matching over the masked code (so brackets in
 * strings and comments never count) and indentation blocks for Python.
 */

const OPENERS = '({[';
const CLOSERS = ')}]';

/**
 * Matching pairs of (), {} and [] in masked code (so brackets in strings and comments never count),
 * computed once in a single pass: rules look pairs up instead of re-scanning, which keeps a snippet
 * full of unbalanced braces linear rather than quadratic. Each bracket kind is paired independently,
 * like counting depth per kind; brackets without a partner (a truncated snippet) have none.
 */
export class BracketPairs {
  private readonly partners: Int32Array;

  constructor(code: string) {
    this.partners = new Int32Array(code.length).fill(-1);
    const open: number[][] = [[], [], []];
    for (let i = 0; i < code.length; i++) {
      const opener = OPENERS.indexOf(code[i]);
      if (opener >= 0) {
        open[opener].push(i);
        continue;
      }
      const closer = CLOSERS.indexOf(code[i]);
      const match = closer >= 0 ? open[closer].pop() : undefined;
      if (match === undefined) continue;
      this.partners[match] = i;
      this.partners[i] = match;
    }
  }

  /** Offset of the bracket matching the one at `offset`, or undefined when it has none. */
  partner(offset: number): number | undefined {
    const partner = this.partners[offset];
    return partner === undefined || partner < 0 ? undefined : partner;
  }
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Width of the leading whitespace; a tab counts as 4 (only relative widths matter). */
export function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}

/**
 * Last line index (0-based) of the indented block opened by the header at `header`: every following
 * line indented deeper belongs to it. Lines that are blank once masked (blank lines, comment-only lines,
 * the inside of a docstring) neither extend nor end the block.
 */
export function indentedBlockEnd(code: readonly string[], header: number): number {
  const headerIndent = indentWidth(code[header]);
  let end = header;
  for (let i = header + 1; i < code.length; i++) {
    if (isBlank(code[i])) continue;
    if (indentWidth(code[i]) <= headerIndent) break;
    end = i;
  }
  return end;
}

/** Net change of (), [] and {} depth over a line of masked code. */
export function bracketBalance(line: string): number {
  let balance = 0;
  for (const ch of line) {
    if (ch === '(' || ch === '[' || ch === '{') balance++;
    else if (ch === ')' || ch === ']' || ch === '}') balance--;
  }
  return balance;
}
