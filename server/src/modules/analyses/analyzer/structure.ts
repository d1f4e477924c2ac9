/**
 * Structural helpers shared by the rules: bracket matching over the masked code (so brackets in
 * strings and comments never count) and indentation blocks for Python.
 */

/** Offset of the bracket closing the one at `open`, or undefined when the snippet is unbalanced. */
export function matchForward(code: string, open: number, opener: string, closer: string): number | undefined {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === opener) depth++;
    else if (code[i] === closer && --depth === 0) return i;
  }
  return undefined;
}

/** Offset of the bracket opening the one at `close`, or undefined when the snippet is unbalanced. */
export function matchBackward(code: string, close: number, opener: string, closer: string): number | undefined {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (code[i] === closer) depth++;
    else if (code[i] === opener && --depth === 0) return i;
  }
  return undefined;
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
