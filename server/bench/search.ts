/**
 * Search benchmark: the PostgreSQL engine over BENCH_SEARCH_DOCS documents (default 1,000,000), through
 * the real app and its session auth, with BENCH_SEARCH_CONNECTIONS concurrent clients (default 32).
 * Goal: p95 < 50 ms per scenario. Also measures the rebuild (`runReindex`, what `npm run search:reindex`
 * and the console button run) of the whole index from the source tables.
 *
 * Runs alone (`BENCH_ONLY=search npm run bench`, or `node --import tsx bench/search.ts`) or after the other
 * benchmarks from bench/run.ts. Its own embedded PostgreSQL lives in BENCH_SEARCH_DIR (default
 * server/bench/.scale/search, git-ignored) on BENCH_SEARCH_PG_PORT (54345); the dataset is rebuilt every
 * run with generate_series. Writes its section of RESULTS.md between markers.
 *
 * Dataset, per customer (20 documents): the user, 2 projects, 12 code snippets whose identifiers are
 * camelCase / snake_case / dotted compounds of a 64-word vocabulary, 4 analyses with findings, 1 intake.
 */

import { fork } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryTypes } from 'sequelize';
import type { LoadJob, LoadRaw } from './load';
import { writeResultsSection } from './results-file';
import { envInt } from './env-int';

process.env.LOG_LEVEL = 'silent';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const int = envInt;

const GOAL_P95_MS = 50;
const PASSWORD = 'bench-search-password';
const log = (s: string) => console.log(`[bench search ${new Date().toISOString().slice(11, 19)}] ${s}`);

const VERBS = ['parse', 'compute', 'render', 'fetch', 'validate', 'merge', 'build', 'load', 'store', 'apply', 'format', 'resolve', 'sync', 'export', 'import', 'check'];
const NOUNS = ['invoice', 'total', 'customer', 'order', 'ledger', 'payment', 'refund', 'discount', 'shipping', 'address', 'cart', 'session', 'token', 'report', 'metric', 'schedule', 'account', 'balance', 'tax', 'rate', 'coupon', 'receipt', 'webhook', 'event', 'queue', 'worker', 'cache', 'index', 'search', 'profile', 'avatar', 'upload', 'export', 'import', 'billing', 'plan', 'usage', 'quota', 'limit', 'alert', 'ticket', 'reply', 'agent', 'team', 'member', 'role', 'permission', 'audit', 'log', 'error', 'trace', 'span', 'sensor', 'reading', 'device', 'station', 'weather', 'forecast', 'route', 'map', 'tile', 'layer', 'style', 'theme'];

/** What one load run measured: 2xx latencies (ms), throughput and failures. */
interface LoadFigures {
  p50: number;
  p95: number;
  p99: number;
  okPerSecond: number;
  non2xx: number;
  errors: number;
}

interface ScenarioResult extends LoadFigures {
  id: string;
  title: string;
  url: string;
  hits: number;
  total: number;
  /** The same request from one client at a time: the latency of a search itself, without queueing. */
  alone: LoadFigures;
}

interface MixResult extends LoadFigures {
  kinds: Array<{ kind: string; share: number; count: number; p50: number; p95: number }>;
}

export interface SearchBenchResult {
  documents: number;
  seedSeconds: number;
  reindexSeconds: number;
  reindexDocsPerSecond: number;
  connections: number;
  scenarios: ScenarioResult[];
  /** Every kind of search at once, in the shares buildMix gives them. */
  mix: MixResult;
  pass: boolean;
  /** 1-minute load average before seeding, after the rebuild and at the end (the machine is shared). */
  load: { start: number; afterRebuild: number; end: number };
}

/** Seeds, rebuilds the index (timed), loads each scenario, writes the RESULTS.md section. */
export async function runSearchBench(): Promise<SearchBenchResult> {
  const DOCS = int('BENCH_SEARCH_DOCS', 1_000_000);
  const DIR = path.resolve(env.BENCH_SEARCH_DIR || path.join(HERE, '.scale', 'search'));
  const PG_PORT = int('BENCH_SEARCH_PG_PORT', 54345);
  const CONNECTIONS = int('BENCH_SEARCH_CONNECTIONS', 32);
  const DURATION = int('BENCH_SEARCH_DURATION', 10);
  const RESULTS = path.resolve(env.BENCH_RESULTS || path.join(HERE, 'RESULTS.md'));

  const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres');
  const { closeDatabase, connectDatabase, db } = await import('../src/db/sequelize');
  const { migrateUp } = await import('../src/db/migrator');
  const { loadConfig } = await import('../src/config');
  const { createApp } = await import('../src/app');
  const { listenForAuthChanges, stopListeningForAuthChanges } = await import('../src/modules/auth/session-cache');
  const { hashPassword } = await import('../src/modules/auth/password');
  const { PostgresSearchEngine } = await import('../src/modules/search/engines/postgres');
  const { setSearchEngine } = await import('../src/modules/search/registry');
  const { runReindex, startReindexRun } = await import('../src/modules/search/reindex.service');

  const loadStart = os.loadavg()[0];
  fs.mkdirSync(DIR, { recursive: true });
  log(`PostgreSQL in ${DIR} on port ${PG_PORT}; ${DOCS.toLocaleString('en')} documents, ${CONNECTIONS} clients`);
  const postgres = await startEmbeddedPostgres({ dir: path.join(DIR, 'postgres'), port: PG_PORT, database: 'socrates_bench_search' });
  let server: Server | undefined;
  try {
    const config = loadConfig({ ...env, NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: postgres.url, PORT: '0', SEED_DEMO: 'false', RUN_WORKERS: 'false', RATE_LIMIT_LOGIN_PER_15_MIN: '100000', MEILI_HOST: '' });
    await migrateUp(await connectDatabase(postgres.url, { poolMax: Math.max(config.DB_POOL_MAX, 20) }), { quiet: true });
    const engine = new PostgresSearchEngine();
    setSearchEngine(engine);

    // --- dataset -------------------------------------------------------------------------------------
    const customers = Math.max(1, Math.floor(DOCS / 20));
    const seedStarted = performance.now();
    await db().query('TRUNCATE users CASCADE');
    await db().query('TRUNCATE search_documents, search_outbox, search_reindex_runs, search_queries');
    const hash = await hashPassword(PASSWORD);
    const arr = (a: string[]) => `ARRAY[${a.map((w) => `'${w}'`).join(',')}]`;
    const word = (seed: string) => `(${arr(NOUNS)})[1 + abs(hashtext(${seed})) % ${NOUNS.length}]`;
    const verb = (seed: string) => `(${arr(VERBS)})[1 + abs(hashtext(${seed})) % ${VERBS.length}]`;
    const q = (sql: string, bind: unknown[] = []) => db().query(sql, { bind });
    await q(
      `INSERT INTO users (id, name, email, password_hash, created_at, updated_at)
       SELECT md5('u' || i)::uuid, initcap(${word(`'fn' || i`)}) || ' ' || initcap(${word(`'ln' || i`)}) || ' ' || i,
              'customer' || i || '@bench.example', $1, now() - (i % 700) * interval '1 day', now()
         FROM generate_series(1, $2) i`,
      [hash, customers],
    );
    await q(
      `INSERT INTO projects (id, owner_id, name, description, status, created_at, updated_at)
       SELECT md5('p' || i || '-' || j)::uuid, md5('u' || i)::uuid,
              initcap(${word(`'pn' || i || j`)}) || ' ' || ${word(`'pm' || i || j`)} || ' service',
              'Handles ' || ${word(`'pd1' || i || j`)} || ' and ' || ${word(`'pd2' || i || j`)} || ' for the ' || ${word(`'pd3' || i || j`)} || ' team',
              (ARRAY['active','completed','archived'])[1 + (i + j) % 3], now() - ((i + j) % 700) * interval '1 day', now()
         FROM generate_series(1, $1) i, generate_series(1, 2) j`,
      [customers],
    );
    await q(
      `INSERT INTO snippets (id, project_id, owner_id, filename, language, content, size_bytes, created_at, updated_at)
       SELECT md5('s' || i || '-' || j)::uuid, md5('p' || i || '-' || (1 + j % 2))::uuid, md5('u' || i)::uuid,
              ${word(`'f1' || i || j`)} || '_' || ${word(`'f2' || i || j`)} || '.ts', 'typescript', c, length(c), now() - ((i + j) % 700) * interval '1 day', now()
         FROM generate_series(1, $1) i, generate_series(1, 12) j,
              LATERAL (SELECT 'export function ' || ${verb(`'v' || i || j`)} || initcap(${word(`'a' || i || j`)}) || initcap(${word(`'b' || i || j`)}) || '(input) {' || chr(10) ||
                              '  const ' || ${word(`'c' || i || j`)} || '_' || ${word(`'d' || i || j`)} || ' = input.' || ${word(`'e' || i || j`)} || '.' || ${word(`'a' || i || j`)} || ';' || chr(10) ||
                              '  return ' || ${word(`'c' || i || j`)} || '_' || ${word(`'d' || i || j`)} || ' + ' || (i * j) % 97 || ';' || chr(10) || '}' AS c) code`,
      [customers],
    );
    await q(
      `INSERT INTO analyses (id, project_id, snippet_id, owner_id, snippet_filename, type, status, quality_score, bugs_found, confidence, summary, findings, created_at, updated_at)
       SELECT md5('a' || i || '-' || j)::uuid, md5('p' || i || '-' || (1 + j % 2))::uuid, md5('s' || i || '-' || j)::uuid, md5('u' || i)::uuid,
              'snippet' || j || '.ts', (ARRAY['security','quality','performance','bugs'])[j], 'completed', 50 + (i % 50), i % 5, 0.5 + (i % 50) / 100.0,
              'Checked ' || ${word(`'s1' || i || j`)} || ' handling and ' || ${word(`'s2' || i || j`)} || ' paths',
              jsonb_build_array(jsonb_build_object('line', 2, 'rule', 'no-unused-' || ${word(`'r' || i || j`)}, 'severity', 'low', 'message', 'Unused ' || ${word(`'m' || i || j`)}, 'category', 'quality')),
              now() - ((i + j) % 700) * interval '1 day', now()
         FROM generate_series(1, $1) i, generate_series(1, 4) j`,
      [customers],
    );
    await q(
      `INSERT INTO intakes (id, owner_id, customer_name, company, email, status, notes, created_at, updated_at)
       SELECT md5('i' || i)::uuid, md5('u' || i)::uuid, initcap(${word(`'in' || i`)}) || ' ' || initcap(${word(`'il' || i`)}),
              initcap(${word(`'co' || i`)}) || ' Labs', 'lead' || i || '@' || ${word(`'dm' || i`)} || '.example',
              (ARRAY['new','in_review','accepted','rejected'])[1 + i % 4], 'Wants help with ' || ${word(`'no' || i`)}, now() - (i % 700) * interval '1 day', now()
         FROM generate_series(1, $1) i`,
      [customers],
    );
    await q(`INSERT INTO admin_users (user_id, role) SELECT md5('u' || 1)::uuid, 'super_admin'`);
    await q('ANALYZE');
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`seeded ${customers.toLocaleString('en')} customers in ${seedSeconds.toFixed(1)} s`);

    // --- rebuild (timed) -----------------------------------------------------------------------------
    const run = await startReindexRun(null, engine);
    const reindexStarted = performance.now();
    let lastLog = 0;
    const finished = await runReindex(run.id, engine, (done) => {
      if (done - lastLog >= 100_000) {
        lastLog = done;
        log(`  reindex ${done.toLocaleString('en')} / ${run.total.toLocaleString('en')}`);
      }
    });
    const reindexSeconds = (performance.now() - reindexStarted) / 1000;
    if (finished.status !== 'succeeded') throw new Error(`reindex failed: ${finished.error}`);
    await q('VACUUM ANALYZE search_documents');
    const loadAfterRebuild = os.loadavg()[0];
    log(`reindexed ${finished.done.toLocaleString('en')} documents in ${reindexSeconds.toFixed(1)} s`);

    // --- load ----------------------------------------------------------------------------------------
    // As in production (runtime.ts): resolved sessions are kept while the process hears auth changes.
    await listenForAuthChanges(postgres.url);
    const app = createApp(config);
    await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    const signIn = async (email: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
      return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    };
    const customerEmail = `customer${Math.max(2, Math.floor(customers / 2))}@bench.example`;
    const customerCookie = await signIn(customerEmail);
    // what the customer types: the beginning of one of their own project names (so there is something to suggest)
    const [{ title }] = await db().query<{ title: string }>(
      `SELECT d.title FROM search_documents d JOIN users u ON u.id = d.owner_id WHERE u.email = ? AND d.type = 'project' ORDER BY d.id LIMIT 1`,
      { replacements: [customerEmail], type: QueryTypes.SELECT },
    );
    const typed = title.toLowerCase().slice(0, 4);
    const adminCookie = await signIn('customer1@bench.example');
    const target = Math.max(2, Math.floor(customers / 3));
    const scenarios: Array<{ id: string; title: string; path: string; cookie: string }> = [
      { id: 'customer-grouped', title: 'Customer, all types grouped: q=invoice', path: '/api/search?q=invoice', cookie: customerCookie },
      { id: 'customer-code', title: 'Customer, code: q=parse', path: '/api/search/code?q=parse', cookie: customerCookie },
      { id: 'customer-suggest', title: `Customer, suggestions: q=${typed}`, path: `/api/search/suggestions?q=${encodeURIComponent(typed)}`, cookie: customerCookie },
      { id: 'admin-customer-email', title: `Admin, customers by e-mail across all: q=customer${target}@bench.example`, path: `/api/search/customers?q=customer${target}%40bench.example`, cookie: adminCookie },
      { id: 'admin-code-all', title: 'Admin, code across every customer: q=parseInvoiceTotal', path: '/api/search/code?q=parseInvoiceTotal', cookie: adminCookie },
      // what the console's palette sends as an agent starts typing an address: a broad prefix (windowed)
      { id: 'admin-palette-broad', title: 'Admin, palette across every customer, broad prefix: q=cust (limit 4 per type)', path: '/api/search?q=cust&limit=4', cookie: adminCookie },
      { id: 'admin-suggest-broad', title: 'Admin, suggestions across every customer: q=cust', path: '/api/search/suggestions?q=cust&limit=6', cookie: adminCookie },
    ];
    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const check = await fetch(base + s.path, { headers: { cookie: s.cookie } });
      const body = (await check.json()) as { total?: number; hits?: unknown[]; groups?: Array<{ total: number; hits: unknown[] }>; suggestions?: unknown[] };
      if (check.status !== 200) throw new Error(`${s.id}: ${check.status} ${JSON.stringify(body)}`);
      const hits = body.hits?.length ?? body.suggestions?.length ?? (body.groups ?? []).reduce((n, g) => n + g.hits.length, 0);
      const total = body.total ?? hits;
      await load({ url: base + s.path, headers: { cookie: s.cookie }, connections: CONNECTIONS, durationSeconds: 2 }); // warm-up
      const raw = await load({ url: base + s.path, headers: { cookie: s.cookie }, connections: CONNECTIONS, durationSeconds: DURATION });
      const alone = figuresOf(await load({ url: base + s.path, headers: { cookie: s.cookie }, connections: 1, durationSeconds: 3 }));
      const r: ScenarioResult = { id: s.id, title: s.title, url: s.path, hits, total, ...figuresOf(raw), alone };
      log(`${s.id}: p95 ${r.p95} ms, ${r.okPerSecond.toFixed(0)} req/s (${hits} hits of ${total})`);
      results.push(r);
    }
    const pass = results.every((r) => r.p95 < GOAL_P95_MS && r.non2xx === 0 && r.errors === 0);

    // --- a mix: many people searching at once ---------------------------------------------------------
    const people = await db().query<{ name: string; email: string }>(`SELECT name, email FROM users WHERE email LIKE 'customer%' ORDER BY md5(id::text) LIMIT 100`, { type: QueryTypes.SELECT });
    const cookies = await Promise.all(people.map((p) => signIn(p.email)));
    const mixList = buildMix(people, cookies, adminCookie, customers);
    await load({ url: base + '/', headers: {}, connections: CONNECTIONS, durationSeconds: 2, mix: mixList }); // warm-up
    const mixRaw = await load({ url: base + '/', headers: {}, connections: CONNECTIONS, durationSeconds: DURATION, mix: mixList });
    const mix = summarizeMix(mixRaw);
    log(`mix: p95 ${mix.p95} ms, ${mix.okPerSecond.toFixed(0)} req/s`);
    const result: SearchBenchResult = { documents: finished.done, seedSeconds, reindexSeconds, reindexDocsPerSecond: finished.done / reindexSeconds, connections: CONNECTIONS, scenarios: results, mix, pass, load: { start: loadStart, afterRebuild: loadAfterRebuild, end: os.loadavg()[0] } };
    writeResultsSection(RESULTS, 'search', report(result));
    log(`wrote ${RESULTS}`);
    return result;
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await stopListeningForAuthChanges();
    await closeDatabase();
    await postgres.stop();
  }
}

/** Kinds of search in the mix, with their share of requests. */
const MIX_SHARES: Array<{ kind: string; share: number; title: string }> = [
  // Customers (94 %): 100 of them, each in their own documents. The header box asks for suggestions as
  // they type; the palette and the search page run the grouped search; code search by identifier.
  { kind: 'customer-suggest', share: 40, title: 'Customer suggestions (a noun, 3–5 letters typed)' },
  { kind: 'customer-grouped', share: 35, title: 'Customer grouped search (one or two words)' },
  { kind: 'customer-code', share: 19, title: 'Customer code search (a camelCase identifier)' },
  // Staff (6 %, two of 32 people): looking customers up by e-mail or name, the palette as they type
  // (a broad prefix), an identifier seen in an error report across every customer.
  { kind: 'admin-email', share: 2, title: 'Admin customer lookup by e-mail' },
  { kind: 'admin-palette', share: 2, title: 'Admin palette, broad prefix across every customer' },
  { kind: 'admin-name', share: 1, title: 'Admin customer lookup by name' },
  { kind: 'admin-code', share: 1, title: 'Admin code search across every customer (an identifier)' },
];

/**
 * 10,000 requests in a fixed pseudo-random order (the same every run): the shares above, words drawn
 * from the dataset's vocabulary, customers from 100 signed-in accounts.
 */
function buildMix(people: Array<{ name: string; email: string }>, cookies: string[], adminCookie: string, customers: number): NonNullable<LoadJob['mix']> {
  let seed = 20261124;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(random() * a.length)];
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
  const prefix = (w: string, min: number, max: number) => w.slice(0, Math.min(w.length, min + Math.floor(random() * (max - min + 1))));
  const q = (v: string) => encodeURIComponent(v);
  const total = MIX_SHARES.reduce((n, k) => n + k.share, 0);
  const out: NonNullable<LoadJob['mix']> = [];
  for (let i = 0; i < 10_000; i++) {
    let r = random() * total;
    const kind = MIX_SHARES.find((k) => (r -= k.share) < 0)?.kind ?? MIX_SHARES[0].kind;
    const c = Math.floor(random() * cookies.length);
    const identifier = `${pick(VERBS)}${cap(pick(NOUNS))}${random() < 0.5 ? cap(pick(NOUNS)) : ''}`;
    const path = {
      'customer-suggest': () => `/api/search/suggestions?q=${q(prefix(pick(NOUNS), 3, 5))}&limit=6`,
      'customer-grouped': () => `/api/search?q=${q(random() < 0.5 ? pick(NOUNS) : `${pick(NOUNS)} ${prefix(pick(NOUNS), 3, 6)}`)}&limit=5`,
      'customer-code': () => `/api/search/code?q=${q(identifier)}`,
      'admin-email': () => `/api/search/customers?q=${q(`customer${1 + Math.floor(random() * customers)}@bench.example`)}`,
      'admin-palette': () => `/api/search?q=${q(prefix(pick(NOUNS), 3, 4))}&limit=4`,
      'admin-name': () => `/api/search/customers?q=${q(pick(people).name.split(' ').slice(0, 2).join(' '))}`,
      'admin-code': () => `/api/search/code?q=${q(`${pick(VERBS)}${cap(pick(NOUNS))}${cap(pick(NOUNS))}`)}`,
    }[kind]!();
    out.push({ kind, path, cookie: kind.startsWith('admin') ? adminCookie : cookies[c] });
  }
  return out;
}

/** The p-th percentile of some latencies (nearest rank). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function figuresOf(raw: LoadRaw): LoadFigures {
  const l = raw.latencies;
  return { p50: percentile(l, 50), p95: percentile(l, 95), p99: percentile(l, 99), okPerSecond: l.length / raw.durationSeconds, non2xx: raw.non2xx, errors: raw.errors };
}

function summarizeMix(raw: LoadRaw): MixResult {
  const count = Object.values(raw.byKind ?? {}).reduce((n, l) => n + l.length, 0);
  return {
    ...figuresOf(raw),
    kinds: MIX_SHARES.map(({ kind }) => {
      const l = raw.byKind?.[kind] ?? [];
      return { kind, share: l.length / Math.max(1, count), count: l.length, p50: percentile(l, 50), p95: percentile(l, 95) };
    }),
  };
}

function load(job: LoadJob): Promise<LoadRaw> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(HERE, 'load.ts'), [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m: { ok: boolean; raw?: LoadRaw; error?: string }) => (m.ok ? resolve(m.raw!) : reject(new Error(m.error))));
    child.once('error', reject);
    child.send(job);
  });
}

function report(r: SearchBenchResult): string[] {
  const lines = [
    '## Search (PostgreSQL full-text engine)',
    '',
    `${r.documents.toLocaleString('en')} documents (projects, snippets, analyses, intakes, users), ${r.connections} concurrent clients, through the app with session auth; ${os.cpus().length} CPUs, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `- Rebuild of the whole index from the source tables: **${r.reindexSeconds.toFixed(1)} s** (${Math.round(r.reindexDocsPerSecond).toLocaleString('en')} documents/s); seeding took ${r.seedSeconds.toFixed(1)} s.`,
    `- Goal: p95 < ${GOAL_P95_MS} ms in every scenario — **${r.pass ? 'met' : 'not met'}**.`,
    `- Load average (1 min) on the shared machine: ${r.load.start.toFixed(1)} before seeding, ${r.load.afterRebuild.toFixed(1)} after the rebuild, ${r.load.end.toFixed(1)} at the end (the benchmark itself adds about 2).`,
    '',
    `Each kind of search alone, all ${r.connections} clients sending it without pause; then, for comparison, one client at a time for 3 s (the time of the search itself, without waiting behind the others):`,
    '',
    `| Scenario | hits (total) | p50 ms | p95 ms | p99 ms | req/s | non-2xx | 1 client: p50 / p95 ms |`,
    '|---|---|---|---|---|---|---|---|',
    ...r.scenarios.map((s) => `| ${s.title} | ${s.hits} (${s.total >= 1000 ? '1000+' : s.total}) | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${Math.round(s.okPerSecond)} | ${s.non2xx + s.errors} | ${s.alone.p50.toFixed(1)} / ${s.alone.p95.toFixed(1)} |`),
    '',
    `A mix, as when many people search at once (94 % customers, 100 accounts, words from the dataset's vocabulary; 6 % staff; the same 10,000 requests every run, \`buildMix\`), ${r.connections} clients without pause: **p95 ${r.mix.p95.toFixed(1)} ms** (p50 ${r.mix.p50.toFixed(1)}, p99 ${r.mix.p99.toFixed(1)}), ${Math.round(r.mix.okPerSecond)} req/s, ${r.mix.non2xx + r.mix.errors} non-2xx. Not the goal's measure (that is every scenario above); reported for what people would see.`,
    '',
    '| In the mix | share | p50 ms | p95 ms |',
    '|---|---|---|---|',
    ...r.mix.kinds.map((k) => `| ${MIX_SHARES.find((m) => m.kind === k.kind)!.title} | ${(k.share * 100).toFixed(1)} % | ${k.p50.toFixed(1)} | ${k.p95.toFixed(1)} |`),
    '',
    'Re-run: `BENCH_ONLY=search npm run bench` (`BENCH_SEARCH_DOCS`, `BENCH_SEARCH_CONNECTIONS`, `BENCH_SEARCH_DURATION`).',
  ];
  return lines;
}


if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runSearchBench().then(
    (r) => process.exit(r.pass ? 0 : 1),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
