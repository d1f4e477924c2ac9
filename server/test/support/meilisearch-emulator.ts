import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a Meilisearch server that the real `meilisearch` SDK talks to over HTTP. It keeps
 * the semantics the adapter depends on:
 * - writes are asynchronous tasks (enqueued → processing → succeeded/failed, in order); documents become
 *   visible only when their task has succeeded;
 * - a task can fail (invalid document id, missing index on delete, injected failures) and says why;
 * - unknown indexes answer 404 `index_not_found`; adding documents creates the index, as Meilisearch does;
 * - filters may only use attributes declared filterable (otherwise 400 `invalid_search_filter`), and sort
 *   only sortable ones;
 * - search: every query word must match (`matchingStrategy: 'all'`), the last one as a prefix; words of 5+
 *   letters allow one typo, 9+ two; ranking by typos, then the first searchable attribute matched.
 * `stop()` makes it unreachable (connection refused) and `start()` brings it back on the same port with its
 * data, to test outages.
 */

type Doc = Record<string, unknown> & { id: string };
interface Settings {
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
}
interface IndexState {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  docs: Map<string, Doc>;
  settings: Settings;
}
interface Task {
  uid: number;
  indexUid: string | null;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed';
  type: string;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  duration: string | null;
  error: { message: string; code: string; type: string; link: string } | null;
  details: Record<string, unknown>;
  batchUid: number | null;
  canceledBy: null;
  apply: () => void;
}

const DEFAULT_SETTINGS = (): Settings => ({ searchableAttributes: ['*'], filterableAttributes: [], sortableAttributes: [], rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'] });
const WORD = /[\p{L}\p{N}]+/gu;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'invalid_request',
  ) {
    super(message);
  }
}

export class MeilisearchEmulator {
  private server: http.Server | null = null;
  private port = 0;
  private readonly indexes = new Map<string, IndexState>();
  private readonly tasks: Task[] = [];
  private queue: Promise<void> = Promise.resolve();
  private failures: Array<{ code: string; message: string }> = [];
  /** Milliseconds each task takes: documents stay invisible meanwhile. */
  taskDelayMs = 5;
  /** Requests received, for assertions (method + path). */
  readonly requests: string[] = [];
  readonly apiKey: string | undefined;

  constructor(opts: { apiKey?: string } = {}) {
    this.apiKey = opts.apiKey;
  }

  get host(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Unreachable until start() again (data and tasks are kept, like a restarted server with a volume). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The next n tasks fail with this error code (e.g. disk full: `no_space_left_on_device`). */
  failNextTasks(n: number, code = 'internal', message = 'injected failure'): void {
    for (let i = 0; i < n; i++) this.failures.push({ code, message });
  }

  /** Documents of an index as stored (succeeded tasks only). */
  documents(indexUid: string): Doc[] {
    return [...(this.indexes.get(indexUid)?.docs.values() ?? [])];
  }

  settings(indexUid: string): Settings | undefined {
    return this.indexes.get(indexUid)?.settings;
  }

  taskList(): Array<Omit<Task, 'apply'>> {
    return this.tasks.map(({ apply: _apply, ...t }) => t);
  }

  reset(): void {
    this.indexes.clear();
    this.tasks.length = 0;
    this.failures = [];
    this.requests.length = 0;
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.host);
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    try {
      if (this.apiKey && url.pathname !== '/health' && req.headers.authorization !== `Bearer ${this.apiKey}`) {
        throw new ApiError(req.headers.authorization ? 403 : 401, req.headers.authorization ? 'invalid_api_key' : 'missing_authorization_header', 'The provided API key is invalid.', 'auth');
      }
      const body = method === 'GET' || method === 'DELETE' ? undefined : await readJson(req);
      const [status, payload] = this.route(method, url, body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, 'internal', String(err), 'internal');
      res.writeHead(e.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: e.message, code: e.code, type: e.type, link: `https://docs.meilisearch.com/errors#${e.code}` }));
    }
  }

  private route(method: string, url: URL, body: unknown): [number, unknown] {
    const p = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean);
    if (method === 'GET' && p[0] === 'health') return [200, { status: 'available' }];
    if (method === 'GET' && p[0] === 'version') return [200, { pkgVersion: '1.24.0-emulator' }];
    if (method === 'GET' && p[0] === 'tasks' && p.length === 2) {
      const t = this.tasks.find((x) => x.uid === Number(p[1]));
      if (!t) throw new ApiError(404, 'task_not_found', `Task \`${p[1]}\` not found.`);
      const { apply: _apply, ...view } = t;
      return [200, view];
    }
    if (method === 'POST' && p[0] === 'multi-search') {
      const queries = ((body ?? {}) as { queries?: Array<SearchBody & { indexUid: string }> }).queries ?? [];
      // like Meilisearch, one failing query fails the whole request
      return [200, { results: queries.map((q) => ({ indexUid: q.indexUid, ...this.search(this.mustIndex(q.indexUid), q) })) }];
    }
    if (p[0] !== 'indexes') throw new ApiError(404, 'not_found', 'Not found');
    if (p.length === 1 && method === 'POST') {
      const { uid, primaryKey } = (body ?? {}) as { uid?: string; primaryKey?: string };
      if (!uid) throw new ApiError(400, 'missing_index_uid', 'Missing field `uid`');
      return [202, this.enqueue(uid, 'indexCreation', {}, () => {
        if (this.indexes.has(uid)) throw new ApiError(409, 'index_already_exists', `Index \`${uid}\` already exists.`);
        this.createIndex(uid, primaryKey ?? null);
      })];
    }
    const uid = p[1];
    const rest = p.slice(2).join('/');
    if (rest === '' && method === 'GET') {
      const ix = this.mustIndex(uid);
      return [200, { uid: ix.uid, primaryKey: ix.primaryKey, createdAt: ix.createdAt, updatedAt: ix.updatedAt }];
    }
    if (rest === '' && method === 'DELETE') return [202, this.enqueue(uid, 'indexDeletion', {}, () => void (this.mustIndex(uid) && this.indexes.delete(uid)))];
    if (rest === 'settings' && method === 'PATCH') {
      const s = body as Partial<Settings>;
      return [202, this.enqueue(uid, 'settingsUpdate', s as Record<string, unknown>, () => {
        const ix = this.indexes.get(uid) ?? this.createIndex(uid, null);
        ix.settings = { ...ix.settings, ...Object.fromEntries(Object.entries(s).filter(([k]) => k in ix.settings)) };
      })];
    }
    if (rest === 'settings' && method === 'GET') return [200, this.mustIndex(uid).settings];
    if (rest === 'documents' && (method === 'POST' || method === 'PUT')) {
      const docs = body as Doc[];
      if (!Array.isArray(docs)) throw new ApiError(400, 'malformed_payload', 'The payload must be an array of documents');
      const primaryKey = url.searchParams.get('primaryKey');
      return [202, this.enqueue(uid, 'documentAdditionOrUpdate', { receivedDocuments: docs.length }, () => {
        const ix = this.indexes.get(uid) ?? this.createIndex(uid, primaryKey);
        ix.primaryKey ??= primaryKey ?? 'id';
        for (const d of docs) {
          const id = d[ix.primaryKey];
          if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,511}$/.test(id)) {
            throw new ApiError(400, 'invalid_document_id', `Document identifier \`${JSON.stringify(id)}\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`);
          }
        }
        for (const d of docs) ix.docs.set(String(d[ix.primaryKey]), structuredClone(d));
        ix.updatedAt = new Date().toISOString();
      })];
    }
    if (rest === 'documents/delete-batch' && method === 'POST') {
      const ids = (body as unknown[]).map(String);
      return [202, this.enqueue(uid, 'documentDeletion', { providedIds: ids.length }, () => {
        const ix = this.mustIndex(uid);
        for (const id of ids) ix.docs.delete(id);
      })];
    }
    if (rest === 'documents' && method === 'DELETE') {
      return [202, this.enqueue(uid, 'documentDeletion', {}, () => this.mustIndex(uid).docs.clear())];
    }
    if (rest === 'search' && method === 'POST') return [200, this.search(this.mustIndex(uid), (body ?? {}) as SearchBody)];
    throw new ApiError(404, 'not_found', `No route for ${method} ${url.pathname}`);
  }

  // ---------------------------------------------------------------- tasks

  private enqueue(indexUid: string, type: string, details: Record<string, unknown>, apply: () => void): Record<string, unknown> {
    const task: Task = {
      uid: this.tasks.length,
      indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      duration: null,
      error: null,
      details,
      batchUid: null,
      canceledBy: null,
      apply,
    };
    this.tasks.push(task);
    // one task at a time, in order, each after a delay: what was written is not yet searchable
    this.queue = this.queue.then(() => this.process(task));
    return { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt };
  }

  private async process(task: Task): Promise<void> {
    task.status = 'processing';
    task.startedAt = new Date().toISOString();
    task.batchUid = task.uid;
    await new Promise((r) => setTimeout(r, this.taskDelayMs));
    const injected = this.failures.shift();
    try {
      if (injected) throw new ApiError(500, injected.code, injected.message, 'internal');
      task.apply();
      task.status = 'succeeded';
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, 'internal', String(err), 'internal');
      task.status = 'failed';
      task.error = { message: e.message, code: e.code, type: e.type, link: `https://docs.meilisearch.com/errors#${e.code}` };
    }
    task.finishedAt = new Date().toISOString();
    task.duration = `PT${this.taskDelayMs / 1000}S`;
  }

  private createIndex(uid: string, primaryKey: string | null): IndexState {
    const now = new Date().toISOString();
    const ix: IndexState = { uid, primaryKey, createdAt: now, updatedAt: now, docs: new Map(), settings: DEFAULT_SETTINGS() };
    this.indexes.set(uid, ix);
    return ix;
  }

  private mustIndex(uid: string): IndexState {
    const ix = this.indexes.get(uid);
    if (!ix) throw new ApiError(404, 'index_not_found', `Index \`${uid}\` not found.`);
    return ix;
  }

  // ---------------------------------------------------------------- search

  private search(ix: IndexState, body: SearchBody): Record<string, unknown> {
    const started = Date.now();
    const limit = body.limit ?? 20;
    const offset = body.offset ?? 0;
    const filter = body.filter ? parseFilter(body.filter, ix.settings.filterableAttributes) : () => true;
    if (body.sort?.length) {
      for (const s of body.sort) {
        const attr = s.split(':')[0];
        if (!ix.settings.sortableAttributes.includes(attr)) throw new ApiError(400, 'invalid_search_sort', `Attribute \`${attr}\` is not sortable.`);
      }
    }
    const words = (body.q ?? '').toLowerCase().match(WORD) ?? [];
    const attrs = ix.settings.searchableAttributes.includes('*') ? null : ix.settings.searchableAttributes;
    const scored: Array<{ doc: Doc; typos: number; attr: number; exact: number }> = [];
    for (const doc of ix.docs.values()) {
      if (!filter(doc)) continue;
      if (!words.length) {
        scored.push({ doc, typos: 0, attr: 0, exact: 0 });
        continue;
      }
      const fields = (attrs ?? Object.keys(doc).filter((k) => typeof doc[k] === 'string')).map((a) => (typeof doc[a] === 'string' ? (doc[a] as string).toLowerCase().match(WORD) ?? [] : []));
      let typos = 0;
      let bestAttr = Infinity;
      let exact = 0;
      let all = true;
      for (const [i, w] of words.entries()) {
        const prefix = i === words.length - 1;
        let best: { typos: number; attr: number } | null = null;
        for (const [a, tokens] of fields.entries()) {
          for (const t of tokens) {
            const d = wordDistance(w, t, prefix);
            if (d === null) continue;
            if (!best || d < best.typos || (d === best.typos && a < best.attr)) best = { typos: d, attr: a };
            if (d === 0 && t === w) exact++;
          }
        }
        if (!best) {
          all = false;
          break;
        }
        typos += best.typos;
        bestAttr = Math.min(bestAttr, best.attr);
      }
      if (all) scored.push({ doc, typos, attr: bestAttr, exact });
    }
    const dateRule = ix.settings.rankingRules.find((r) => /:(asc|desc)$/.test(r));
    scored.sort((a, b) => a.typos - b.typos || a.attr - b.attr || b.exact - a.exact || (dateRule ? customRule(dateRule, a.doc, b.doc) : 0));
    const page = scored.slice(offset, offset + limit);
    const retrieve = body.attributesToRetrieve && !body.attributesToRetrieve.includes('*') ? body.attributesToRetrieve : null;
    return {
      hits: page.map((s) => {
        const doc = retrieve ? Object.fromEntries(Object.entries(s.doc).filter(([k]) => retrieve.includes(k))) : { ...s.doc };
        if (body.showRankingScore) doc._rankingScore = Math.max(0, 1 - s.typos * 0.1 - (Number.isFinite(s.attr) ? s.attr : 0) * 0.05);
        return doc;
      }),
      query: body.q ?? '',
      processingTimeMs: Date.now() - started,
      limit,
      offset,
      estimatedTotalHits: scored.length,
    };
  }
}

interface SearchBody {
  q?: string;
  filter?: string;
  limit?: number;
  offset?: number;
  sort?: string[];
  attributesToRetrieve?: string[];
  showRankingScore?: boolean;
  matchingStrategy?: string;
}

/** Typos allowed for a query word: none under 5 letters, one up to 8, two from 9 (Meilisearch's defaults). */
function wordDistance(query: string, token: string, prefix: boolean): number | null {
  if (token === query || (prefix && token.startsWith(query))) return 0;
  const allowed = query.length >= 9 ? 2 : query.length >= 5 ? 1 : 0;
  if (!allowed) return null;
  const target = prefix && token.length > query.length ? token.slice(0, query.length) : token;
  const d = levenshtein(query, target, allowed);
  return d <= allowed ? d : null;
}

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function customRule(rule: string, a: Doc, b: Doc): number {
  const [attr, dir] = rule.split(':');
  const x = Number(a[attr] ?? 0);
  const y = Number(b[attr] ?? 0);
  return dir === 'desc' ? y - x : x - y;
}

/**
 * The filter subset the adapter uses (`attr = "v"`, `attr IN ["a", "b"]`, `attr >= n`, `attr < n`, joined
 * by AND), checked against the filterable attributes like Meilisearch does.
 */
function parseFilter(expr: string, filterable: string[]): (doc: Doc) => boolean {
  const clauses = splitAnd(expr);
  const tests = clauses.map((c) => {
    const m = /^\s*([A-Za-z_][\w.]*)\s*(=|!=|>=|<=|>|<|IN)\s*(.+?)\s*$/.exec(c);
    if (!m) throw new ApiError(400, 'invalid_search_filter', `Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\` at \`${c.trim()}\`.`);
    const [, attr, op, raw] = m;
    if (!filterable.includes(attr)) {
      throw new ApiError(400, 'invalid_search_filter', `Attribute \`${attr}\` is not filterable. Available filterable attributes are: \`${filterable.join(', ')}\`.\n1:${attr.length + 1} ${c.trim()}`);
    }
    if (op === 'IN') {
      const values = (raw.replace(/^\[|\]$/g, '').match(/"(?:[^"\\]|\\.)*"|[^,\s]+/g) ?? []).map(unquote);
      return (d: Doc) => values.includes(String(d[attr]));
    }
    const value = unquote(raw);
    const num = Number(value);
    return (d: Doc) => {
      const v = d[attr];
      if (v === undefined || v === null) return op === '!=';
      if (op === '=') return String(v) === value;
      if (op === '!=') return String(v) !== value;
      const n = Number(v);
      return op === '>=' ? n >= num : op === '<=' ? n <= num : op === '>' ? n > num : n < num;
    };
  });
  return (doc) => tests.every((t) => t(doc));
}

function splitAnd(expr: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '\\' && quoted) {
      cur += ch + expr[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && expr.startsWith(' AND ', i)) {
      out.push(cur);
      cur = '';
      i += 4;
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.startsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'malformed_payload', 'The json payload provided is malformed.');
  }
}
