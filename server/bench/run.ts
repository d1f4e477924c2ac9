/**
 * `npm run bench`: the admin users list on a million users, the real app against a bare Express + pg
 * handler that runs the same SQL without the framework (Sequelize, middleware, validation).
 *
 * 1. Starts its own embedded PostgreSQL in server/bench/.scale (kept between runs, so the big seed
 *    happens once) on port 54339, migrates it, and seeds BENCH_USERS users (default 1,000,000; two
 *    projects and four analyses each) with seeders/scale.ts when the users table has fewer.
 * 2. Starts the real app (createApp, development config, LOG_LEVEL=silent, no job queue) and the bare
 *    handler on ephemeral ports in this process, creates a super admin and signs in through the API.
 * 3. Per scenario: checks both answer the same, captures the SQL each runs, warms each up for 3 s,
 *    then loads each for 10 s with 10 connections from a child process (load.ts), in alternating
 *    slices (app, bare, bare, app, …), recording every latency. Writes server/bench/RESULTS.md.
 *
 * Environment: BENCH_USERS, BENCH_DIR (default server/bench/.scale), BENCH_PG_PORT (54339),
 * BENCH_DURATION (10), BENCH_WARMUP (3), BENCH_CONNECTIONS (10), BENCH_ROUNDS (5 slices per side),
 * BENCH_SWEEP (scenario 1's lower concurrencies, default 1,2,4), BENCH_SWEEP_SECONDS (4), BENCH_RESULTS (RESULTS.md path).
 * Goals (reported, never fatal): p95 < 30 ms and app/bare throughput ≥ 0.7.
 */

import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { LoadJob, LoadRaw } from './load';
import type { Statement } from './bare';
import { writeResultsSection } from './results-file';
import { envInt } from './env-int';

// The app's logger reads LOG_LEVEL when it is first imported: silence it before importing the app.
process.env.LOG_LEVEL = 'silent';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const int = envInt;
const BENCH_USERS = int('BENCH_USERS', 1_000_000);
const BENCH_DIR = path.resolve(env.BENCH_DIR || path.join(HERE, '.scale'));
const PG_PORT = int('BENCH_PG_PORT', 54339);
const DURATION = int('BENCH_DURATION', 10);
const WARMUP = int('BENCH_WARMUP', 3);
const CONNECTIONS = int('BENCH_CONNECTIONS', 10);
/** The measured seconds of each side are split into this many alternating slices (app, bare, bare, app…). */
const ROUNDS = int('BENCH_ROUNDS', 5);
/** Scenario 1 is also measured at these lower concurrencies (latency grows with queueing on 2 cores). */
const SWEEP = (env.BENCH_SWEEP ?? '1,2,4').split(',').map(Number).filter((c) => Number.isInteger(c) && c > 0 && c < CONNECTIONS);
const SWEEP_SECONDS = int('BENCH_SWEEP_SECONDS', 4);
const RESULTS = path.resolve(env.BENCH_RESULTS || path.join(HERE, 'RESULTS.md'));
const P95_GOAL_MS = 30;
const RATIO_GOAL = 0.7;
const ADMIN_EMAIL = 'bench-admin@bench.example';
const DATASET_KEY = 'bench.dataset';

interface Scenario {
  id: string;
  title: string;
  query: string;
}

interface LoadSummary {
  durationSeconds: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per measured second. */
  okPerSecond: number;
  /** Exact nearest-rank percentiles (ms) over every 2xx response of all slices. */
  latency: { mean: number; p50: number; p90: number; p95: number; p99: number; max: number } | null;
  /** autocannon's own p50 / p97.5 / p99 per slice (its histograms cannot be merged), as min–max ranges. */
  autocannon: { p50: string; p97_5: string; p99: string };
  loadAvg1m: number;
}

interface ScenarioResult {
  scenario: Scenario;
  check: { appStatus: number; bareStatus: number; appTotal: string | null; bareTotal: string | null; appEstimated: boolean; bareEstimated: boolean; sameBody: boolean; appError?: string };
  sql: { app: string[]; bare: string[]; identical: boolean };
  /** Median wall time (ms) of each bare statement run alone on one connection. */
  timings: Array<{ sql: string; ms: number }>;
  app: LoadSummary;
  bare: LoadSummary;
  /** Scenario 1 only: the same load at fewer connections. */
  sweep: Array<{ connections: number; app: LoadSummary; bare: LoadSummary }>;
}

const log = (s: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);

async function main(): Promise<void> {
  const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres');
  const { closeDatabase, connectDatabase, db } = await import('../src/db/sequelize');
  const { migrateUp } = await import('../src/db/migrator');
  const { loadConfig } = await import('../src/config');
  const { createApp } = await import('../src/app');
  const { hashPassword } = await import('../src/modules/auth/password');
  const { seedScale } = await import('../../seeders/scale');
  const { startBareServer } = await import('./bare');
  const { forgetSessions, listenForAuthChanges, stopListeningForAuthChanges } = await import('../src/modules/auth/session-cache');

  const loadAvgStart = os.loadavg();
  log(`PostgreSQL in ${BENCH_DIR} on port ${PG_PORT}`);
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const postgres = await startEmbeddedPostgres({ dir: path.join(BENCH_DIR, 'postgres'), port: PG_PORT, database: 'socrates_bench' });
  const servers: Server[] = [];
  let closeBare: (() => Promise<void>) | undefined;
  try {
    const config = loadConfig({ ...env, NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: postgres.url, PORT: '0', SEED_DEMO: 'false', RUN_WORKERS: 'false' });
    const sequelize = await connectDatabase(postgres.url, { poolMax: config.DB_POOL_MAX });
    await migrateUp(sequelize, { quiet: true });
    // Columns added by migrations since the dataset was seeded have no statistics until ANALYZE, and the
    // planner's guesses for them (e.g. deleted_at IS NULL) would skew the list's count estimate.
    await db().query('ANALYZE users');
    const q = async <T = Record<string, unknown>>(sql: string, bind?: unknown[]) => (await db().query(sql, { bind, type: 'SELECT' as never })) as unknown as T[];

    // --- dataset -------------------------------------------------------------------------------------
    const [{ n: usersBefore }] = await q<{ n: number }>('SELECT count(*)::int AS n FROM users');
    let seed: { seconds: number; seededAt: string; seededNow: boolean } | undefined;
    if (usersBefore < BENCH_USERS) {
      if (usersBefore > 0) {
        log(`users holds ${usersBefore.toLocaleString('en')} rows, fewer than BENCH_USERS=${BENCH_USERS.toLocaleString('en')}: emptying it for a fresh seed`);
        await db().query('TRUNCATE users CASCADE');
        await db().query('DELETE FROM settings WHERE key = $1', { bind: [DATASET_KEY] });
      }
      log(`seeding ${BENCH_USERS.toLocaleString('en')} users with seeders/scale.ts (COPY)…`);
      const result = await seedScale(postgres.url, { users: BENCH_USERS, log: (s) => log(`  ${s}`) });
      seed = { seconds: result.seconds, seededAt: new Date().toISOString(), seededNow: true };
      await db().query(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, {
        bind: [DATASET_KEY, JSON.stringify({ ...result, seededAt: seed.seededAt })],
      });
    } else {
      const [marker] = await q<{ value: { seconds: number; seededAt: string } }>('SELECT value FROM settings WHERE key = $1', [DATASET_KEY]);
      if (marker) seed = { seconds: marker.value.seconds, seededAt: marker.value.seededAt, seededNow: false };
      log(`dataset present (${usersBefore.toLocaleString('en')} users): not seeding`);
    }

    // --- a super admin, signed in through the API --------------------------------------------------
    const password = `bench-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)}`;
    const [{ id: adminId }] = await q<{ id: string }>(
      `INSERT INTO users (name, email, password_hash) VALUES ('Bench Admin', $1, $2)
       ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash, status = 'active' RETURNING id`,
      [ADMIN_EMAIL, await hashPassword(password)],
    );
    await db().query(`INSERT INTO admin_users (user_id, role) VALUES ($1, 'super_admin') ON CONFLICT (user_id) DO UPDATE SET role = 'super_admin'`, { bind: [adminId] });
    await db().query('DELETE FROM sessions WHERE user_id = $1', { bind: [adminId] });

    // As in production (runtime.ts): resolved sessions are kept while the process hears auth changes.
    await listenForAuthChanges(postgres.url);
    const app = createApp(config);
    const appServer = await listen((port, cb) => app.listen(port, '127.0.0.1', cb));
    servers.push(appServer);
    const appBase = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
    const login = await fetch(`${appBase}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password }) });
    const setCookie = login.headers.get('set-cookie');
    if (login.status !== 200 || !setCookie) throw new Error(`Signing in as the bench admin failed: HTTP ${login.status} ${await login.text()}`);
    const cookie = setCookie.split(';')[0];

    const bare = await startBareServer(postgres.url, config.DB_POOL_MAX);
    closeBare = bare.close;
    servers.push(bare.server);
    const bareBase = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
    log(`app on ${appBase}, bare handler on ${bareBase} (pg pools of ${config.DB_POOL_MAX} each)`);

    // --- context for the report ----------------------------------------------------------------------
    const since = new Date(Date.UTC(new Date().getUTCFullYear() - 1, new Date().getUTCMonth(), new Date().getUTCDate())).toISOString();
    const [sizes] = await q<{ users: number; projects: number; analyses: number; active_since: number; search: number }>(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM projects) AS projects,
              (SELECT count(*)::int FROM analyses) AS analyses,
              (SELECT count(*)::int FROM users WHERE status = 'active' AND created_at >= $1) AS active_since,
              (SELECT count(*)::int FROM users WHERE status = 'active' AND created_at >= $1 AND (name ILIKE '%user12%' OR email ILIKE '%user12%')) AS search`,
      [since],
    );
    const [pgInfo] = await q<{ version: string; shared_buffers: string; work_mem: string; max_connections: string }>(
      `SELECT split_part(version(), ' on ', 1) AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('work_mem') AS work_mem, current_setting('max_connections') AS max_connections`,
    );

    const base = `status=active&createdAt_gte=${encodeURIComponent(since)}&_sort=createdAt&_order=desc&_start=40&_end=60`;
    const scenarios: Scenario[] = [
      { id: '1', title: 'Admin users list at scale: active users created in the last year, newest first, page 3 (rows 40–60)', query: base },
      { id: '1b', title: 'Same, with the free-text search q=user12', query: `${base}&q=user12` },
    ];

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const appUrl = `${appBase}/api/admin/users?${scenario.query}`;
      const bareUrl = `${bareBase}/api/admin/users?${scenario.query}`;
      log(`scenario ${scenario.id}: ${scenario.title}`);

      // Same answer? And which SQL does each run (captured for one request each)?
      const appSql: string[] = [];
      const options = (db() as unknown as { options: { logging: unknown } }).options;
      options.logging = (sql: string) => appSql.push(sql.replace(/^Executing \([^)]*\): /, ''));
      forgetSessions();
      const appRes = await fetch(appUrl, { headers: { cookie } });
      options.logging = false;
      const appBody = await appRes.text();
      bare.captureNext();
      const bareRes = await fetch(bareUrl, { headers: { cookie } });
      const bareSql = bare.captured();
      const bareBody = await bareRes.text();
      const check: ScenarioResult['check'] = {
        appStatus: appRes.status,
        bareStatus: bareRes.status,
        appTotal: appRes.headers.get('x-total-count'),
        bareTotal: bareRes.headers.get('x-total-count'),
        appEstimated: appRes.headers.get('x-total-count-estimated') === 'true',
        bareEstimated: bareRes.headers.get('x-total-count-estimated') === 'true',
        sameBody: appBody === bareBody,
        ...(appRes.status >= 400 ? { appError: appBody.slice(0, 300) } : {}),
      };
      if (appRes.status >= 500 && appSql.length) {
        // The app logs nothing (LOG_LEVEL=silent): replay the last SQL it sent to name the cause.
        const last = appSql[appSql.length - 1];
        const failure = await db().query(last).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
        if (failure) check.appError = `${check.appError} — the last SQL it sent fails with: ${failure} — SQL: ${last.replace(/\s+/g, ' ').trim()}`;
      }
      const norm = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/;$/, '');
      const sql = { app: appSql, bare: bareSql.map((s) => s.sql), identical: appSql.length === bareSql.length && appSql.every((s, i) => norm(s) === norm(bareSql[i].sql)) };
      log(`  check: app HTTP ${check.appStatus} total ${check.appTotal}${check.appEstimated ? ' (estimated)' : ''}; bare HTTP ${check.bareStatus} total ${check.bareTotal}${check.bareEstimated ? ' (estimated)' : ''}; same body: ${check.sameBody}; same SQL: ${sql.identical}`);
      if (check.appError) log(`  app error: ${check.appError.slice(0, 600)}`);

      // How much of a request is database time: each statement alone, one connection, median of 7.
      const timings = await timeStatements(postgres.url, bareSql);
      log(`  statements alone: ${timings.map((t) => `${t.ms.toFixed(1)} ms`).join(' + ')} = ${timings.reduce((a, t) => a + t.ms, 0).toFixed(1)} ms`);

      const job = (url: string, seconds: number, connections = CONNECTIONS): LoadJob => ({ url, headers: { cookie }, connections, durationSeconds: seconds });
      log(`  warm-up ${WARMUP} s each…`);
      await runLoad(job(appUrl, WARMUP));
      await runLoad(job(bareUrl, WARMUP));
      // Alternating slices (ABBA…) so that a change in the machine's other load hits both sides alike.
      const slice = DURATION / ROUNDS;
      log(`  measuring ${DURATION} s each in ${ROUNDS} alternating slices of ${slice} s…`);
      const appRaw: LoadRaw[] = [];
      const bareRaw: LoadRaw[] = [];
      const loadAvg: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        loadAvg.push(os.loadavg()[0]);
        const order = round % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
        for (const side of order) {
          if (side === 'app') appRaw.push(await runLoad(job(appUrl, slice)));
          else bareRaw.push(await runLoad(job(bareUrl, slice)));
        }
      }
      const meanLoad = loadAvg.reduce((a, b) => a + b, 0) / loadAvg.length;
      const appLoad = summarize(appRaw, meanLoad);
      const bareLoad = summarize(bareRaw, meanLoad);
      log(`    app:  ${describe(appLoad)}`);
      log(`    bare: ${describe(bareLoad)}`);
      // Latency against concurrency (scenario 1): each level in two alternating slices per side.
      const sweep: ScenarioResult['sweep'] = [];
      for (const connections of scenario.id === '1' ? SWEEP : []) {
        const a: LoadRaw[] = [];
        const b: LoadRaw[] = [];
        const load0 = os.loadavg()[0];
        for (const side of ['app', 'bare', 'bare', 'app'] as const) {
          if (side === 'app') a.push(await runLoad(job(appUrl, SWEEP_SECONDS / 2, connections)));
          else b.push(await runLoad(job(bareUrl, SWEEP_SECONDS / 2, connections)));
        }
        const level = { connections, app: summarize(a, load0), bare: summarize(b, load0) };
        log(`    ${connections} connection(s): app ${describe(level.app)}; bare ${describe(level.bare)}`);
        sweep.push(level);
      }
      results.push({ scenario, check, sql, timings, app: appLoad, bare: bareLoad, sweep });
      const v = verdicts(appLoad, bareLoad);
      log(`  p95 < ${P95_GOAL_MS} ms: ${v.p95}; app/bare ≥ ${RATIO_GOAL}: ${v.ratio} (${v.ratioValue})`);
    }

    const loadAvgEnd = os.loadavg();
    writeResultsSection(RESULTS, 'users-list', report({ results, sizes, pgInfo, seed, since, loadAvgStart, loadAvgEnd, poolMax: config.DB_POOL_MAX }));
    log(`wrote ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await closeBare?.().catch(() => undefined);
    await stopListeningForAuthChanges();
    await closeDatabase().catch(() => undefined);
    await postgres.stop();
    log('stopped');
  }
}

async function timeStatements(url: string, statements: Statement[]): Promise<Array<{ sql: string; ms: number }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Array<{ sql: string; ms: number }> = [];
    for (const { sql, values } of statements) {
      const runs: number[] = [];
      for (let i = 0; i < 8; i++) {
        const t0 = performance.now();
        await (values ? client.query(sql, values) : client.query(sql));
        if (i > 0) runs.push(performance.now() - t0); // the first run only warms the cache
      }
      runs.sort((a, b) => a - b);
      out.push({ sql, ms: runs[Math.floor(runs.length / 2)] });
    }
    return out;
  } finally {
    await client.end();
  }
}

function listen(start: (port: number, cb: () => void) => Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = start(0, () => resolve(server));
    server.once('error', reject);
  });
}

/** Runs one load job in a child process (load.ts) and returns its summary. */
function runLoad(job: LoadJob): Promise<LoadRaw> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(HERE, 'load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (m: { ok: boolean; raw?: LoadRaw; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.raw!);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} without a result`));
    });
    child.send(job);
  });
}

function summarize(raws: LoadRaw[], loadAvg1m: number): LoadSummary {
  const sorted = Float64Array.from(raws.flatMap((r) => r.latencies)).sort();
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const durationSeconds = raws.reduce((a, r) => a + r.durationSeconds, 0);
  const statusCodes: Record<string, number> = {};
  for (const r of raws) for (const [code, count] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const range = (pick: (r: LoadRaw) => number) => {
    const v = raws.map(pick);
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return lo === hi ? String(lo) : `${lo}–${hi}`;
  };
  return {
    durationSeconds,
    ok2xx: sorted.length,
    non2xx: raws.reduce((a, r) => a + r.non2xx, 0),
    errors: raws.reduce((a, r) => a + r.errors, 0),
    timeouts: raws.reduce((a, r) => a + r.timeouts, 0),
    statusCodes,
    okPerSecond: durationSeconds > 0 ? sorted.length / durationSeconds : 0,
    latency: sorted.length
      ? { mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: pct(50), p90: pct(90), p95: pct(95), p99: pct(99), max: sorted[sorted.length - 1] }
      : null,
    autocannon: { p50: range((r) => r.autocannon.p50), p97_5: range((r) => r.autocannon.p97_5), p99: range((r) => r.autocannon.p99) },
    loadAvg1m,
  };
}

function describe(s: LoadSummary): string {
  const l = s.latency;
  return `${s.okPerSecond.toFixed(0)} req/s (2xx), p50 ${l ? l.p50.toFixed(1) : '—'} ms, p95 ${l ? l.p95.toFixed(1) : '—'} ms, non-2xx ${s.non2xx}, errors ${s.errors}`;
}

function verdicts(app: LoadSummary, bare: LoadSummary) {
  const p95 = app.latency && app.non2xx === 0 && app.errors === 0 ? (app.latency.p95 < P95_GOAL_MS ? 'PASS' : 'FAIL') : 'FAIL';
  const ratio = bare.okPerSecond > 0 ? app.okPerSecond / bare.okPerSecond : 0;
  return { p95, ratio: ratio >= RATIO_GOAL && app.non2xx === 0 ? 'PASS' : 'FAIL', ratioValue: ratio.toFixed(2) };
}

function report(input: {
  results: ScenarioResult[];
  sizes: { users: number; projects: number; analyses: number; active_since: number; search: number };
  pgInfo: { version: string; shared_buffers: string; work_mem: string; max_connections: string };
  seed?: { seconds: number; seededAt: string; seededNow: boolean };
  since: string;
  loadAvgStart: number[];
  loadAvgEnd: number[];
  poolMax: number;
}): string[] {
  const { results, sizes, pgInfo, seed } = input;
  const cpus = os.cpus();
  const n = (x: number) => x.toLocaleString('en');
  const ms = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(1));
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const lines: string[] = [];
  lines.push('## Admin users list at scale', '');
  lines.push(`Measured on ${new Date().toISOString()} (\`BENCH_ONLY=users\`).`, '');
  lines.push('### Machine', '');
  lines.push(`- ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`);
  lines.push(`- Node ${process.version}; ${pgInfo.version} (embedded, shared_buffers ${pgInfo.shared_buffers}, work_mem ${pgInfo.work_mem}, max_connections ${pgInfo.max_connections})`);
  lines.push(`- Load average (1/5/15 min) at start: ${la(input.loadAvgStart)}; at end: ${la(input.loadAvgEnd)}. The machine is shared with other work (other sessions' builds and browser tests), so absolute figures are noisy; app and bare are measured in alternating slices so both see the same conditions.`);
  lines.push(`- App, bare handler and PostgreSQL share the machine; the load generator (autocannon) runs in its own child process.`, '');
  lines.push('### Dataset', '');
  lines.push(`- ${n(sizes.users)} users, ${n(sizes.projects)} projects, ${n(sizes.analyses)} analyses (seeders/scale.ts, COPY).`);
  if (seed) lines.push(`- Seeded ${seed.seededNow ? 'by this run' : `on ${seed.seededAt}`} in ${seed.seconds.toFixed(1)} s (COPY, index and foreign-key rebuild, VACUUM ANALYZE).`);
  lines.push(`- Rows matching scenario 1 (active, created since ${input.since}): ${n(sizes.active_since)}; scenario 1b (also matching "user12"): ${n(sizes.search)}.`, '');
  lines.push('### Method', '');
  lines.push(`- **app**: the real app (\`createApp\`, NODE_ENV=development, LOG_LEVEL=silent, no job queue), signed in as a super admin through POST /api/auth/login; every request carries the session cookie; the session is resolved as in production (the session lookup, or the session cache: a session resolved less than 5 s ago, while the app listens for auth changes).`);
  lines.push(`- **bare**: Express 5 + one \`pg.Pool\` (max ${input.poolMax}, the app's DB_POOL_MAX) in the same process, no other middleware: it reads the cookie, runs the same session query (a prepared statement on both sides; a session resolved less than 5 s ago is reused, as the app's session cache does), checks \`users.read\`, then runs the same list SQL as the app (the page; then, unless the first page is short, the planner's EXPLAIN estimate, trusted above 50,000 rows, otherwise an exact count capped at 10,001) and sends the same JSON and x-total-count headers. Both sides' SQL was captured for one request with no session kept and compared below. Not mirrored: the app's at-most-once-a-minute session touch.`);
  lines.push(`- Per scenario: ${WARMUP} s warm-up for each, then ${DURATION} s of load for each side, ${CONNECTIONS} connections, no pipelining, measured in ${ROUNDS} alternating slices of ${DURATION / ROUNDS} s (app, bare, bare, app, …) so that changes in the machine's other load hit both sides alike.`);
  lines.push(`- Latencies: every 2xx response's latency is recorded (autocannon's \`response\` event: request written → response parsed) and the percentiles below are exact nearest-rank percentiles over all of them, so **p95 is measured, not interpolated**. autocannon's own p50 / p97.5 / p99 are given as min–max over the slices for cross-checking. req/s = 2xx responses ÷ measured seconds.`, '');
  for (const r of results) {
    const v = verdicts(r.app, r.bare);
    lines.push(`### Scenario ${r.scenario.id}: ${r.scenario.title}`, '');
    lines.push('`GET /api/admin/users?' + r.scenario.query + '`', '');
    lines.push(`Check before loading: app HTTP ${r.check.appStatus}, x-total-count ${r.check.appTotal ?? '—'}${r.check.appEstimated ? ' (estimated)' : ''}; bare HTTP ${r.check.bareStatus}, x-total-count ${r.check.bareTotal ?? '—'}${r.check.bareEstimated ? ' (estimated)' : ''}; identical response bodies: ${r.check.sameBody ? 'yes' : 'no'}.`);
    if (r.check.appError) lines.push('', `**The app fails this request.** ${r.check.appError.replace(/`/g, "'")}`);
    lines.push('');
    lines.push(`Machine load average (1 min) during the measurement: ${r.app.loadAvg1m.toFixed(2)} on ${os.cpus().length} cores.`, '');
    lines.push('| | req/s (2xx) | p50 ms | p90 ms | p95 ms | p99 ms | max ms | 2xx | non-2xx | errors | autocannon p50 / p97.5 / p99 ms (per-slice range) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const [name, s] of [['app', r.app], ['bare', r.bare]] as const) {
      const l = s.latency;
      lines.push(`| ${name} | ${s.okPerSecond.toFixed(0)} | ${ms(l?.p50)} | ${ms(l?.p90)} | ${ms(l?.p95)} | ${ms(l?.p99)} | ${ms(l?.max)} | ${n(s.ok2xx)} | ${n(s.non2xx)} | ${n(s.errors + s.timeouts)} | ${s.autocannon.p50} / ${s.autocannon.p97_5} / ${s.autocannon.p99} |`);
    }
    lines.push('', `- app/bare throughput ratio: **${v.ratioValue}** — goal ≥ ${RATIO_GOAL}: **${v.ratio}**`);
    lines.push(`- app p95: **${ms(r.app.latency?.p95)} ms** — goal < ${P95_GOAL_MS} ms: **${v.p95}**${r.app.non2xx ? ' (the app answered non-2xx, so the goal cannot pass)' : ''}`);
    lines.push(`- SQL per request identical on both sides: **${r.sql.identical ? 'yes' : 'NO'}**`, '');
    if (r.sweep.length) {
      lines.push(`Latency against concurrency (same request, ${SWEEP_SECONDS} s per side in alternating slices; the row for ${CONNECTIONS} is the measurement above). With ${os.cpus().length} cores shared by Node and PostgreSQL, every connection past saturation only adds queueing: latency ≈ connections ÷ throughput.`, '');
      lines.push('| connections | app req/s | app p50 ms | app p95 ms | bare req/s | bare p50 ms | bare p95 ms | app p95 < 30 ms |', '|---:|---:|---:|---:|---:|---:|---:|---|');
      for (const l of [...r.sweep, { connections: CONNECTIONS, app: r.app, bare: r.bare }]) {
        lines.push(`| ${l.connections} | ${l.app.okPerSecond.toFixed(0)} | ${ms(l.app.latency?.p50)} | ${ms(l.app.latency?.p95)} | ${l.bare.okPerSecond.toFixed(0)} | ${ms(l.bare.latency?.p50)} | ${ms(l.bare.latency?.p95)} | ${verdicts(l.app, l.bare).p95} |`);
      }
      lines.push('');
    }
    const dbMs = r.timings.reduce((a, t) => a + t.ms, 0);
    lines.push(`- Database time per request, each statement run alone on one idle connection (median of 7, round trip included): ${r.timings.map((t) => `${t.ms.toFixed(1)}`).join(' + ')} = **${dbMs.toFixed(1)} ms** (statements in the order listed below).`, '');
    lines.push('<details><summary>SQL captured for one request</summary>', '');
    lines.push('App (Sequelize):', '', '```sql', ...r.sql.app.map((s) => s.replace(/\s+/g, ' ').trim()), '```', '');
    lines.push('Bare:', '', '```sql', ...r.sql.bare.map((s) => s.replace(/\s+/g, ' ').trim()), '```', '', '</details>', '');
  }
  lines.push('### Verdicts', '');
  lines.push('| Scenario | p95 < 30 ms | app/bare ≥ 0.7 |', '|---|---|---|');
  for (const r of results) {
    const v = verdicts(r.app, r.bare);
    lines.push(`| ${r.scenario.id} | ${v.p95} (${ms(r.app.latency?.p95)} ms) | ${v.ratio} (${v.ratioValue}) |`);
  }
  lines.push('');
  return lines;
}

// BENCH_ONLY=users|month-end|search|analytics|sentry runs one benchmark; by default all run, the users list first.
(process.env.BENCH_ONLY === 'analytics' || process.env.BENCH_ONLY === 'month-end' || process.env.BENCH_ONLY === 'search' || process.env.BENCH_ONLY === 'sentry' ? Promise.resolve() : main())
  .then(async () => {
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'month-end') await (await import('./month-end')).runMonthEndBench();
  })
  // BENCH_ONLY=search: the search engine over a million documents (bench/search.ts)
  .then(async () => {
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'search') await (await import('./search')).runSearchBench();
  })
  // BENCH_ONLY=analytics: event ingest, the rollup of the event log and the admin reports (bench/analytics.ts)
  .then(async () => {
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'analytics') await (await import('./analytics')).runAnalyticsBench();
  })
  // BENCH_ONLY=sentry: req/s of a read endpoint with Sentry on (errors only) vs off (bench/sentry.ts)
  .then(async () => {
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'sentry') await (await import('./sentry')).runSentryBench();
  })
  .then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
