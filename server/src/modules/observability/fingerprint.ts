import { createHash } from 'node:crypto';

/** One parsed stack frame: where the code was, without line numbers (they move with every deploy). */
export interface Frame {
  fn: string;
  file: string;
}

const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?)(?::\d+)?(?::\d+)?\)?$/;
const GECKO_FRAME = /^\s*(.*?)@(.*?)(?::\d+)?(?::\d+)?$/;

/** Frames of a V8 ("at fn (file:1:2)") or Firefox/Safari ("fn@file:1:2") stack, top first. */
export function parseStack(stack: string | null | undefined): Frame[] {
  if (!stack) return [];
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    const m = /^\s*at /.test(line) ? V8_FRAME.exec(line) : line.includes('@') ? GECKO_FRAME.exec(line) : null;
    if (!m) continue;
    frames.push({ fn: normaliseFunction(m[1] ?? ''), file: normaliseFile(m[2] ?? '') });
  }
  return frames;
}

function normaliseFunction(fn: string): string {
  // "async Foo.bar", "new Foo", "Object.<anonymous>" → the name alone
  return fn.replace(/^(async|new) /, '').replace(/ \[as .*\]$/, '').trim() || '<anonymous>';
}

/** A file path that is the same across machines and builds: no checkout prefix, no bundle hash, no query. */
export function normaliseFile(file: string): string {
  let f = file.replace(/^file:\/\//, '').replace(/[?#].*$/, '');
  f = f.replace(/^https?:\/\/[^/]+/, ''); // browser bundles: drop the origin
  const nm = f.lastIndexOf('/node_modules/');
  if (nm >= 0) f = f.slice(nm + 1);
  else {
    const src = f.search(/\/(server|admin-ui|customer-portal|migrations|seeders)\//);
    if (src >= 0) f = f.slice(src + 1);
  }
  return f.replace(/-[A-Za-z0-9_-]{8}(\.m?js)$/, '$1'); // Vite's content hash: index-Bx12abCD.js → index.js
}

function inApp(frame: Frame): boolean {
  return !frame.file.startsWith('node_modules/') && !frame.file.startsWith('node:') && frame.file !== 'native' && frame.file !== '<anonymous>';
}

/** A message with its variable parts (ids, numbers, quoted values, addresses) replaced, for grouping. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/"[^"]*"|'[^']*'/g, '<str>')
    .replace(/\b\d+(\.\d+)?\b/g, '<n>')
    .slice(0, 300);
}

/**
 * The grouping key of an error: its type plus its top three in-app frames (function and file). Errors
 * without a usable stack group by their normalised message instead.
 */
export function fingerprintOf(input: { type: string; message: string; stack?: string | null; component: string }): string {
  const frames = parseStack(input.stack);
  const top = (frames.some(inApp) ? frames.filter(inApp) : frames).slice(0, 3);
  const key = top.length
    ? [input.component, input.type, ...top.map((f) => `${f.fn}@${f.file}`)].join('\n')
    : [input.component, input.type, normaliseMessage(input.message)].join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}
