/**
 * The rules of the built-in analyzer. Each rule is a small pure function over a parsed SourceFile and
 * returns hits (line, column, message); `runRules` turns hits into findings with the rule's id,
 * category and severity. Rules read the masked views of the source (see source-file.ts), which is what
 * keeps `"eval("` in a string or `==` in a comment from being reported.
 *
 * Messages name the construct and say why it matters, but never quote source text beyond an
 * identifier: a snippet can contain secrets, and findings are stored and shown in dashboards.
 */

import type { AnalysisType, Finding, FindingSeverity } from './analyzer.port';
import type { LanguageFamily } from './language';
import { positionOf, type SourceFile } from './source-file';
import { bracketBalance, indentWidth, indentedBlockEnd, isBlank } from './structure';

export interface RuleHit {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** Overrides the rule's default severity (e.g. FIXME is more serious than TODO). */
  severity?: FindingSeverity;
}

export interface Rule {
  /** Stable id; customers filter and suppress by it, so never rename one. */
  id: string;
  category: AnalysisType;
  severity: FindingSeverity;
  families: readonly LanguageFamily[];
  check(source: SourceFile): RuleHit[];
}

const ALL: readonly LanguageFamily[] = ['javascript', 'python', 'c-like'];
const JS: readonly LanguageFamily[] = ['javascript'];
const JS_AND_PYTHON: readonly LanguageFamily[] = ['javascript', 'python'];
const PYTHON: readonly LanguageFamily[] = ['python'];

const MAX_FUNCTION_LINES = 50;
const MAX_NESTING_DEPTH = 4;
const MAX_LINE_LENGTH = 120;

// ---------------------------------------------------------------------------------------------------
// Shared helpers

function hitAt(source: SourceFile, offset: number, message: string): RuleHit {
  const { line, column } = positionOf(source, offset);
  return { line, column, message };
}

/** One hit per regex match over the whole masked code (regexes must carry the `g` flag). */
function codeMatches(source: SourceFile, pattern: RegExp, message: (match: RegExpMatchArray) => string): RuleHit[] {
  return [...source.codeText.matchAll(pattern)].map((m) => hitAt(source, m.index ?? 0, message(m)));
}

function firstColumn(line: string): number {
  return line.length - line.trimStart().length + 1;
}

/** Keeps the first hit of each line: one finding per line is enough to point a human at it. */
function onePerLine(hits: RuleHit[]): RuleHit[] {
  const seen = new Set<number>();
  return hits.filter((hit) => {
    if (seen.has(hit.line)) return false;
    seen.add(hit.line);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------
// Functions (long-function)

interface FunctionSpan {
  /** 0-based line indexes of the header and of the last line of the body. */
  startLine: number;
  endLine: number;
  column: number;
  name?: string;
}

/** Words that precede `(...) {` without being a function: control flow and block statements. */
const NOT_FUNCTIONS = new Set([
  'if', 'for', 'foreach', 'while', 'switch', 'catch', 'with', 'synchronized', 'using', 'lock', 'fixed',
  'return', 'typeof', 'await', 'new', 'else', 'do', 'try', 'sizeof',
]);
/** How far back from a `{` to look for a function header. */
const HEADER_LOOKBEHIND = 300;
const ARROW_BEFORE_BODY = /=>\s*$/;
/** `)` then optionally a TS return type, C++ `const`/`noexcept` or Java `throws ...`, then the `{`. */
const PARAMS_BEFORE_BODY = /\)\s*(?::[^(){};=]*|const|noexcept|throws[\w.,\s]*)?\s*$/;
const ARROW_NAME = /(?<![\w$])([A-Za-z_$][\w$]*)\s*[=:]\s*(?:async\s*)?(?:\([^()]*\)|[A-Za-z_$][\w$]*)[^=;{}]*=>\s*$/;
const WORD_BEFORE = /(?<![\w$])([A-Za-z_$][\w$]*)\s*$/;

interface FunctionHeader {
  offset: number;
  name?: string;
}

/** Decides, by looking at the code just before a `{`, whether the brace opens a function body. */
function functionHeaderBefore(source: SourceFile, brace: number): FunctionHeader | undefined {
  const code = source.codeText;
  const windowStart = Math.max(0, brace - HEADER_LOOKBEHIND);
  const before = code.slice(windowStart, brace);
  const arrow = ARROW_BEFORE_BODY.exec(before);
  if (arrow) {
    const named = ARROW_NAME.exec(before);
    return named
      ? { offset: windowStart + named.index + named[0].indexOf(named[1]), name: named[1] }
      : { offset: windowStart + arrow.index };
  }
  const params = PARAMS_BEFORE_BODY.exec(before);
  if (!params) return undefined;
  const openParen = source.brackets.partner(windowStart + params.index);
  if (openParen === undefined) return undefined;
  const wordWindowStart = Math.max(0, openParen - 80);
  const word = WORD_BEFORE.exec(code.slice(wordWindowStart, openParen));
  if (!word || NOT_FUNCTIONS.has(word[1])) return undefined;
  const offset = wordWindowStart + word.index;
  return word[1] === 'function' ? { offset } : { offset, name: word[1] };
}

function braceFunctionSpans(source: SourceFile): FunctionSpan[] {
  const code = source.codeText;
  const spans: FunctionSpan[] = [];
  for (let brace = code.indexOf('{'); brace >= 0; brace = code.indexOf('{', brace + 1)) {
    const header = functionHeaderBefore(source, brace);
    if (!header) continue;
    const close = source.brackets.partner(brace);
    if (close === undefined) continue; // a truncated snippet: the length would be a guess
    const start = positionOf(source, header.offset);
    spans.push({
      startLine: start.line - 1,
      endLine: positionOf(source, close).line - 1,
      column: start.column,
      name: header.name,
    });
  }
  return spans;
}

const PYTHON_DEF = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/;

function pythonFunctionSpans(source: SourceFile): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  source.code.forEach((line, index) => {
    const def = PYTHON_DEF.exec(line);
    if (!def) return;
    const endLine = indentedBlockEnd(source.code, index);
    spans.push({ startLine: index, endLine, column: firstColumn(line), name: def[1] });
  });
  return spans;
}

/** A function's length is its whole span, header and closing line included. */
function checkLongFunction(source: SourceFile): RuleHit[] {
  const spans = source.language.family === 'python' ? pythonFunctionSpans(source) : braceFunctionSpans(source);
  return spans
    .map((span) => ({ span, length: span.endLine - span.startLine + 1 }))
    .filter(({ length }) => length > MAX_FUNCTION_LINES)
    .map(({ span, length }) => ({
      line: span.startLine + 1,
      column: span.column,
      message:
        `${span.name ? `Function \`${span.name}\`` : 'Anonymous function'} is ${length} lines long ` +
        `(limit ${MAX_FUNCTION_LINES}); split it into smaller functions.`,
    }));
}

// ---------------------------------------------------------------------------------------------------
// Nesting (deep-nesting)

/**
 * Brace depth of each line (undefined for blank lines). A line starting with `}` belongs to the outer
 * level, so `} else {` is not deeper than the `if` it continues.
 */
function braceDepths(source: SourceFile): (number | undefined)[] {
  let depth = 0;
  return source.code.map((line) => {
    const trimmed = line.trimStart();
    const leadingClosers = /^\}*/.exec(trimmed)?.[0].length ?? 0;
    const lineDepth = trimmed === '' ? undefined : Math.max(0, depth - leadingClosers);
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
    }
    return lineDepth;
  });
}

/**
 * Python indentation depth of each line, counted as the number of enclosing indentation levels.
 * Continuation lines (inside brackets or after a backslash) are skipped: their indentation is layout,
 * not nesting.
 */
function indentationDepths(source: SourceFile): (number | undefined)[] {
  const levels = [0];
  let openBrackets = 0;
  let continued = false;
  return source.code.map((line) => {
    let depth: number | undefined;
    if (!isBlank(line) && openBrackets <= 0 && !continued) {
      const indent = indentWidth(line);
      while (levels.length > 1 && indent < levels[levels.length - 1]) levels.pop();
      if (indent > levels[levels.length - 1]) levels.push(indent);
      depth = levels.length - 1;
    }
    openBrackets += bracketBalance(line);
    continued = /\\\s*$/.test(line);
    return depth;
  });
}

/** Reports the first line of each stretch deeper than the limit, not every line of it. */
function checkDeepNesting(source: SourceFile): RuleHit[] {
  const depths = source.language.family === 'python' ? indentationDepths(source) : braceDepths(source);
  const hits: RuleHit[] = [];
  let insideDeepBlock = false;
  depths.forEach((depth, index) => {
    if (depth === undefined) return;
    if (depth <= MAX_NESTING_DEPTH) {
      insideDeepBlock = false;
      return;
    }
    if (insideDeepBlock) return;
    insideDeepBlock = true;
    hits.push({
      line: index + 1,
      column: firstColumn(source.code[index]),
      message: `Code is nested ${depth} levels deep (limit ${MAX_NESTING_DEPTH}); extract a function or return early.`,
    });
  });
  return hits;
}

// ---------------------------------------------------------------------------------------------------
// Comments (todo-comment)

const TODO_TAGS = /\b(TODO|FIXME|HACK|XXX)\b/g;

function checkTodoComments(source: SourceFile): RuleHit[] {
  return source.comments.flatMap((line, index) =>
    [...line.matchAll(TODO_TAGS)].map((m) => ({
      line: index + 1,
      column: (m.index ?? 0) + 1,
      message: `${m[1]} comment: unfinished work left in the code; track it in the issue tracker.`,
      // FIXME and HACK admit something is wrong; TODO and XXX may just be a reminder.
      severity: m[1] === 'FIXME' || m[1] === 'HACK' ? ('low' as const) : ('info' as const),
    })),
  );
}

// ---------------------------------------------------------------------------------------------------
// Error handling (empty-catch, bare-except)

// Whitespace runs are separated by required tokens, so a long run cannot backtrack quadratically.
const EMPTY_CATCH = /\bcatch\s*(?:\([^()]*\)\s*)?\{\s*\}/g;
const EMPTY_CATCH_MESSAGE = 'Empty catch block silently swallows errors; handle, log or rethrow them.';
const EMPTY_PROMISE_CATCH = /\.catch\(\s*(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>\s*\{\s*\}\s*\)/g;

/** `catch (e) {}` and `.catch(() => {})`. A comment inside the braces documents an intentional
 * swallow (as in ESLint's no-empty), so it is not reported. */
function braceEmptyCatches(source: SourceFile): RuleHit[] {
  const matches = [...source.codeText.matchAll(EMPTY_CATCH), ...source.codeText.matchAll(EMPTY_PROMISE_CATCH)];
  return matches
    .filter((m) => {
      const start = m.index ?? 0;
      const open = start + m[0].lastIndexOf('{');
      const close = start + m[0].lastIndexOf('}');
      return isBlank(source.commentText.slice(open + 1, close));
    })
    .map((m) => hitAt(source, m.index ?? 0, EMPTY_CATCH_MESSAGE));
}

const PYTHON_EXCEPT = /^\s*except\b[^:]*:(.*)$/;
const PASS_ONLY = /^\s*(?:pass|\.\.\.)\s*$/;

/** `except ...: pass`, on one line or as a block whose only statement is `pass`. */
function pythonEmptyExcepts(source: SourceFile): RuleHit[] {
  const hits: RuleHit[] = [];
  source.code.forEach((line, index) => {
    const except = PYTHON_EXCEPT.exec(line);
    if (!except) return;
    const body = isBlank(except[1])
      ? source.code.slice(index + 1, indentedBlockEnd(source.code, index) + 1).filter((l) => !isBlank(l))
      : [except[1]];
    if (body.length > 0 && body.every((statement) => PASS_ONLY.test(statement))) {
      hits.push({
        line: index + 1,
        column: firstColumn(line),
        message: 'Exception handler only contains `pass`; errors are silently swallowed.',
      });
    }
  });
  return hits;
}

function checkEmptyCatch(source: SourceFile): RuleHit[] {
  return source.language.family === 'python' ? pythonEmptyExcepts(source) : braceEmptyCatches(source);
}

const BARE_EXCEPT = /^\s*except\s*:/;

function checkBareExcept(source: SourceFile): RuleHit[] {
  return source.code.flatMap((line, index) =>
    BARE_EXCEPT.test(line)
      ? [{
          line: index + 1,
          column: firstColumn(line),
          message: 'Bare `except:` also catches SystemExit and KeyboardInterrupt; catch specific exceptions.',
        }]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------------
// Dynamic code execution (no-eval)

/** The lookbehind skips method calls such as PyTorch's `model.eval()`, which execute nothing. */
const DYNAMIC_CODE: Readonly<Record<LanguageFamily, readonly RegExp[]>> = {
  javascript: [/(?<![\w$.])eval\s*\(/g, /\bnew\s+Function\s*\(/g],
  python: [/(?<![\w.])eval\s*\(/g, /(?<![\w.])exec\s*\(/g],
  'c-like': [/(?<![\w$.])eval\s*\(/g],
};

function checkEval(source: SourceFile): RuleHit[] {
  return DYNAMIC_CODE[source.language.family].flatMap((pattern) =>
    codeMatches(source, pattern, (m) => {
      const construct = m[0].replace(/\s*\($/, '').replace(/\s+/g, ' ');
      return `\`${construct}()\` executes arbitrary code; an attacker-controlled string becomes code execution.`;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Secrets (hardcoded-secret)

/**
 * `key = "value"`, `key: 'value'`, `"key": "value"`, `key: str = "value"`, `key := "value"`.
 * The value must be a literal of at least 4 characters; the key is judged separately (SECRET_KEY_NAME).
 * Snippets are customer input, so every repetition is bounded or anchored by the lookbehind: no
 * catastrophic backtracking on a 100 kB line.
 */
const SECRET_ASSIGNMENT = new RegExp(
  [
    /(?<keyQuote>["']?)(?<![\w$-])(?<key>[A-Za-z_$][\w$-]{0,63})\k<keyQuote>/.source, // key, maybe quoted
    /[ \t]*(?::[\w.<>[\]|, \t]{1,60}(?==))?/.source, // optional type annotation
    /(?::=|[:=])[ \t]*[A-Za-z]{0,2}/.source, // assignment, optional Python string prefix
    /(?<quote>["'`])(?<value>[^"'`\n]{4,1024})\k<quote>/.source, // the literal
  ].join(''),
  'g',
);
/** Matched against the key lower-cased with `_` and `-` removed: `API_KEY`, `dbPassword`, `x-api-key`. */
const SECRET_KEY_NAME = /(?:password|passwd|pwd|secret|secretkey|apikey|token|privatekey|accesskey|credentials?)$/;
const AWS_ACCESS_KEY = /\bAKIA[0-9A-Z]{16}\b/;
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/** The message names the key at most, never the value: findings are stored and displayed. */
function secretOnLine(line: string, kinds: string): { column: number; message: string } | undefined {
  const privateKey = PRIVATE_KEY_BLOCK.exec(line);
  if (privateKey) {
    return {
      column: privateKey.index + 1,
      message: 'Private key embedded in the source; remove it and rotate the key.',
    };
  }
  const awsKey = AWS_ACCESS_KEY.exec(line);
  if (awsKey) {
    return {
      column: awsKey.index + 1,
      message: 'Hard-coded AWS access key ID; revoke it and load credentials from the environment.',
    };
  }
  for (const m of line.matchAll(SECRET_ASSIGNMENT)) {
    const { keyQuote = '', key = '', value = '' } = m.groups ?? {};
    const keyColumn = (m.index ?? 0) + keyQuote.length;
    if (kinds[keyColumn] === 'm') continue; // commented-out examples are documentation, not config
    if (value.includes('${')) continue; // interpolated, so not a literal secret
    if (!SECRET_KEY_NAME.test(key.toLowerCase().replace(/[-_]/g, ''))) continue;
    return {
      column: keyColumn + 1,
      message: `Hard-coded secret assigned to \`${key}\`; load it from the environment or a secret manager.`,
    };
  }
  return undefined;
}

function checkSecrets(source: SourceFile): RuleHit[] {
  return source.lines.flatMap((line, index) => {
    const secret = secretOnLine(line, source.kinds[index]);
    return secret ? [{ line: index + 1, ...secret }] : [];
  });
}

// ---------------------------------------------------------------------------------------------------
// SQL built from strings (sql-injection)

/** Starts like a statement and has a second SQL keyword, to stay clear of prose such as "Select a file". */
const SQL_TEXT = /^\s*(?:SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*?\b(?:FROM|INTO|SET|WHERE)\b/i;
/** After the literal: `+ x` (not `+ "more text"`), Python `% x` or `.format(`. */
const CONCATENATED_AFTER = /^\s*(?:\+\s*[^\s'"`]|%\s*[^\s=]|\.format\s*\()/;
/** Before the literal: `x + `. */
const CONCATENATED_BEFORE = /[^\s'"`+]\s*\+\s*$/;

const SQL_MESSAGE = 'SQL query built by string concatenation or interpolation; use a parameterised query.';

function checkSqlInjection(source: SourceFile): RuleHit[] {
  const code = source.codeText;
  const hits = source.strings
    .filter((literal) => SQL_TEXT.test(literal.value))
    .filter(
      (literal) =>
        literal.interpolated ||
        CONCATENATED_AFTER.test(code.slice(literal.end, literal.end + 40)) ||
        CONCATENATED_BEFORE.test(code.slice(Math.max(0, literal.start - 40), literal.start)),
    )
    .map((literal) => hitAt(source, literal.start, SQL_MESSAGE));
  return onePerLine(hits);
}

// ---------------------------------------------------------------------------------------------------
// Loops (nested-loop, await-in-loop)

interface Loop {
  /** Offset of the loop keyword. */
  offset: number;
  /** From here to `end` an `await` runs once per iteration (the body, plus a `while` condition). */
  perIteration: number;
  /** Offset range of the body; another loop starting inside it is nested. */
  bodyStart: number;
  end: number;
}

const BRACE_LOOP = /\b(for|foreach|while)\b(?:\s+await)?\s*\(|\bdo\s*\{/g;

function nextNonSpace(code: string, from: number): number {
  let i = from;
  while (i < code.length && /\s/.test(code[i])) i++;
  return i;
}

function previousNonSpace(code: string, from: number): number {
  let i = from;
  while (i >= 0 && /\s/.test(code[i])) i--;
  return i;
}

/** Loops with parenthesised headers: for / foreach / while / do-while (Go and Rust headers are not covered). */
function braceLoops(source: SourceFile): Loop[] {
  const code = source.codeText;
  const loops: Loop[] = [];
  const doLoopsByBodyEnd = new Map<number, Loop>();
  for (const m of code.matchAll(BRACE_LOOP)) {
    const offset = m.index ?? 0;
    const last = offset + m[0].length - 1;
    if (code[last] === '{') {
      const end = source.brackets.partner(last) ?? code.length;
      const doLoop = { offset, perIteration: last, bodyStart: last, end };
      doLoopsByBodyEnd.set(end, doLoop);
      loops.push(doLoop);
      continue;
    }
    const closeParen = source.brackets.partner(last);
    if (closeParen === undefined) continue;
    const body = nextNonSpace(code, closeParen + 1);
    // `} while (x);` closing a do-while is not a second loop, but its condition runs every iteration.
    const doLoop = m[1] === 'while' ? doLoopsByBodyEnd.get(previousNonSpace(code, offset - 1)) : undefined;
    if (doLoop) {
      doLoop.end = closeParen;
      continue;
    }
    const end = code[body] === '{' ? (source.brackets.partner(body) ?? code.length) : endOfStatement(code, body);
    // A `while` condition runs every iteration; a `for` header's init and iterable run only once.
    loops.push({ offset, perIteration: m[1] === 'while' ? last : body, bodyStart: body, end });
  }
  return loops;
}

function endOfStatement(code: string, from: number): number {
  const semicolon = code.indexOf(';', from);
  return semicolon < 0 ? code.length : semicolon;
}

const PYTHON_LOOP = /^(\s*)(?:async\s+)?(?:for|while)\b/;

function pythonLoops(source: SourceFile): Loop[] {
  const loops: Loop[] = [];
  source.code.forEach((line, index) => {
    const loop = PYTHON_LOOP.exec(line);
    if (!loop) return;
    const lastLine = indentedBlockEnd(source.code, index);
    const headerEnd = source.lineStarts[index] + line.length;
    loops.push({
      offset: source.lineStarts[index] + loop[1].length,
      perIteration: headerEnd,
      bodyStart: headerEnd,
      end: source.lineStarts[lastLine] + source.code[lastLine].length,
    });
  });
  return loops;
}

function loopsOf(source: SourceFile): Loop[] {
  return source.language.family === 'python' ? pythonLoops(source) : braceLoops(source);
}

function contains(loop: Loop, offset: number): boolean {
  return loop.bodyStart <= offset && offset <= loop.end;
}

function checkNestedLoops(source: SourceFile): RuleHit[] {
  const loops = loopsOf(source);
  return loops.flatMap((loop) => {
    const depth = 1 + loops.filter((outer) => outer !== loop && contains(outer, loop.offset)).length;
    if (depth < 2) return [];
    const message = `Loop nested ${depth} deep: work grows as O(n^${depth}); consider a lookup map or a single pass.`;
    return [hitAt(source, loop.offset, message)];
  });
}

const AWAIT = /\bawait\b/g;
const AWAIT_IN_LOOP_MESSAGE =
  '`await` inside a loop runs iterations one after another; batch independent work with Promise.all / asyncio.gather.';

function checkAwaitInLoop(source: SourceFile): RuleHit[] {
  const loops = loopsOf(source);
  return [...source.codeText.matchAll(AWAIT)]
    .map((m) => m.index ?? 0)
    .filter((offset) => loops.some((loop) => loop.perIteration <= offset && offset <= loop.end))
    .map((offset) => hitAt(source, offset, AWAIT_IN_LOOP_MESSAGE));
}

// ---------------------------------------------------------------------------------------------------
// Python mutable default arguments (mutable-default-arg)

const DEF_PARAMETERS = /^\s*(?:async\s+)?def\s+\w+\s*\((.*)\)/;
const MUTABLE_DEFAULT = /[^=!<>]=\s*(?:\[|\{|(?:list|dict|set)\(\s*\))/;

function checkMutableDefaults(source: SourceFile): RuleHit[] {
  return source.code.flatMap((line, index) => {
    const params = DEF_PARAMETERS.exec(line);
    if (!params || !MUTABLE_DEFAULT.test(params[1])) return [];
    return [{
      line: index + 1,
      column: firstColumn(line),
      message: 'Mutable default argument is created once and shared between calls; default to None instead.',
    }];
  });
}

// ---------------------------------------------------------------------------------------------------
// Line-level rules

function checkLongLines(source: SourceFile): RuleHit[] {
  return source.lines.flatMap((line, index) =>
    line.length > MAX_LINE_LENGTH
      ? [{
          line: index + 1,
          column: MAX_LINE_LENGTH + 1,
          message: `Line is ${line.length} characters long (limit ${MAX_LINE_LENGTH}).`,
        }]
      : [],
  );
}

const CONSOLE_OUTPUT: Readonly<Record<LanguageFamily, RegExp | undefined>> = {
  javascript: /\bconsole\.(?:log|debug|info)\s*\(/g,
  python: /(?<![\w.])print\s*\(/g,
  'c-like': undefined,
};

function checkConsole(source: SourceFile): RuleHit[] {
  const pattern = CONSOLE_OUTPUT[source.language.family];
  if (!pattern) return [];
  return codeMatches(source, pattern, (m) => {
    const call = m[0].replace(/\s*\($/, '');
    return `\`${call}()\` left in the code; use the application logger.`;
  });
}

/** `==` / `!=` that are not part of `===`, `!==`, `<=`, `>=`. */
const LOOSE_EQUALITY = /(?<![=!<>])(==|!=)(?!=)/g;

function checkLooseEquality(source: SourceFile): RuleHit[] {
  return codeMatches(
    source,
    LOOSE_EQUALITY,
    (m) => `Use \`${m[1]}=\` instead of \`${m[1]}\`: loose equality coerces types.`,
  );
}

function checkVar(source: SourceFile): RuleHit[] {
  const message = '`var` is function-scoped and hoisted; use `let` or `const`.';
  return codeMatches(source, /(?<![\w$.])var\s+[A-Za-z_$[{]/g, () => message);
}

function checkDebugger(source: SourceFile): RuleHit[] {
  const message = '`debugger` statement left in the code; it pauses any attached debugger.';
  return codeMatches(source, /(?<![\w$.])debugger\b/g, () => message);
}

// ---------------------------------------------------------------------------------------------------

export const RULES: readonly Rule[] = [
  { id: 'long-function', category: 'quality', severity: 'medium', families: ALL, check: checkLongFunction },
  { id: 'deep-nesting', category: 'quality', severity: 'medium', families: ALL, check: checkDeepNesting },
  { id: 'todo-comment', category: 'quality', severity: 'info', families: ALL, check: checkTodoComments },
  { id: 'empty-catch', category: 'bugs', severity: 'high', families: ALL, check: checkEmptyCatch },
  { id: 'no-eval', category: 'security', severity: 'critical', families: ALL, check: checkEval },
  { id: 'hardcoded-secret', category: 'security', severity: 'critical', families: ALL, check: checkSecrets },
  { id: 'no-console', category: 'quality', severity: 'low', families: JS_AND_PYTHON, check: checkConsole },
  { id: 'loose-equality', category: 'bugs', severity: 'medium', families: JS, check: checkLooseEquality },
  { id: 'no-var', category: 'quality', severity: 'low', families: JS, check: checkVar },
  { id: 'sql-injection', category: 'security', severity: 'high', families: ALL, check: checkSqlInjection },
  { id: 'nested-loop', category: 'performance', severity: 'medium', families: ALL, check: checkNestedLoops },
  { id: 'await-in-loop', category: 'performance', severity: 'low', families: ALL, check: checkAwaitInLoop },
  { id: 'long-line', category: 'quality', severity: 'info', families: ALL, check: checkLongLines },
  { id: 'no-debugger', category: 'bugs', severity: 'medium', families: JS, check: checkDebugger },
  { id: 'bare-except', category: 'bugs', severity: 'medium', families: PYTHON, check: checkBareExcept },
  { id: 'mutable-default-arg', category: 'bugs', severity: 'medium', families: PYTHON, check: checkMutableDefaults },
];

/** Runs every rule that applies to the source's language family. Order is unspecified; callers sort. */
export function runRules(source: SourceFile): Finding[] {
  return RULES.filter((rule) => rule.families.includes(source.language.family)).flatMap((rule) =>
    rule.check(source).map((hit) => ({
      line: hit.line,
      column: hit.column,
      rule: rule.id,
      severity: hit.severity ?? rule.severity,
      message: hit.message,
      category: rule.category,
    })),
  );
}
