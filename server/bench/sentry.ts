/**
 * Sentry overhead benchmark: requests per second of a typical read endpoint (the console's users list,
 * first page, signed in) served by the real app with @sentry/node on (errors only, tracesSampleRate 0,
 * sending to a local envelope receiver) and off, in the same run. Each side is its own server process
 * (Sentry instruments a process once, at start-up, through src/instrument.ts), loaded from a third
 * process (load.ts) in alternating slices: on, off, off, on, …
 *
 * Runs alone (`BENCH_ONLY=sentry npm run bench`) or after the other benchmarks from bench/run.ts.
 * Its own throwaway embedded PostgreSQL on BENCH_SENTRY_PG_PORT (54341), a few hundred users.
 * Environment: BENCH_SENTRY_DURATION (measured seconds per side, default 10), BENCH_SENTRY_ROUNDS (4),
 * BENCH_CONNECTIONS (10). Goal (reported, never fatal): on/off ≥ 0.9. Writes its section of RESULTS.md.
 */

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadRaw } from './load';
import { writeResultsSection } from './results-file';

process.env.LOG_LEVEL = 'silent';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER_DIR = path.resolve(HERE, '..');
const env = process.env;
const int = (name: string, fallback: number) => {
  const n = Number(env[name] || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const GOAL = 0.9;
const PATH = '/api/admin/users?_start=0&_end=20';
const log = (s: string) => console.log(`[bench sentry ${new Date().toISOString().slice(11, 19)}] ${s}`);

/** Child mode: one API server on an ephemeral port, with or without Sentry (decided by src/instrument.ts). */
async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/config');
  const { connectDatabase } = await import('../src/db/sequelize');
  const { createApp } = await import('../src/app');
  const Sentry = await import('@sentry/node');
  const config = loadConfig();
  await connectDatabase(config.DATABASE_URL!, { poolMax: 10 });
  const server = createApp(config).listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port, sentry: Sentry.isInitialized() }));
}

function startServer(databaseUrl: string, sentryDsn: string | null): Promise<{ child: ChildProcess; url: string; sentry: boolean }> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    cwd: SERVER_DIR,
    execArgv: ['--import', 'tsx', '--import', './src/instrument.ts'],
    env: { ...env, SENTRY_BENCH_CHILD: '1', NODE_ENV: 'development', SEED_DEMO: 'false', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, SENTRY_DSN: sentryDsn ?? '', SENTRY_TRACES_SAMPLE_RATE: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number; sentry: boolean }) => resolve({ child, url: `http://127.0.0.1:${m.port}`, sentry: m.sentry }));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

function runLoad(job: LoadJob): Promise<LoadRaw> {
  const child = fork(path.join(HERE, 'load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { ok: boolean; raw?: LoadRaw; error?: string }) => (m.ok ? resolve(m.raw!) : reject(new Error(m.error))));
    child.send(job);
  });
}

export interface SentryBenchResult {
  on: number;
  off: number;
  ratio: number;
}

/** Runs the on/off comparison and writes its section of RESULTS.md. */
export async function runSentryBench(): Promise<SentryBenchResult> {
  const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres');
  const { connectDatabase, closeDatabase } = await import('../src/db/sequelize');
  const { migrateUp } = await import('../src/db/migrator');
  const { hashPassword } = await import('../src/modules/auth/password');
  const { User } = await import('../src/modules/users/user.models');
  const { AdminUser } = await import('../src/modules/admin/admin.models');
  const { SentryReceiver } = await import('../test/support/sentry-receiver');

  const duration = int('BENCH_SENTRY_DURATION', 10);
  const rounds = int('BENCH_SENTRY_ROUNDS', 4);
  const connections = int('BENCH_CONNECTIONS', 10);
  const dir = path.join(os.tmpdir(), `socrates-bench-sentry-${process.pid}`, 'postgres');
  const postgres = await startEmbeddedPostgres({ dir, port: int('BENCH_SENTRY_PG_PORT', 54341), database: 'socrates_bench_sentry', ephemeral: true });
  const receiver = await new SentryReceiver().start();
  const children: ChildProcess[] = [];
  try {
    const sequelize = await connectDatabase(postgres.url);
    await migrateUp(sequelize, { quiet: true });
    const passwordHash = await hashPassword('bench-password-1');
    const admin = await User.create({ name: 'Bench Admin', email: 'bench-sentry@bench.example', passwordHash, status: 'active' });
    await AdminUser.create({ userId: admin.id, role: 'super_admin' });
    await User.bulkCreate(Array.from({ length: 300 }, (_, i) => ({ name: `User ${i}`, email: `user${i}@bench.example`, passwordHash, status: 'active' as const })));
    await closeDatabase();

    const on = await startServer(postgres.url, receiver.dsn());
    const off = await startServer(postgres.url, null);
    children.push(on.child, off.child);
    if (!on.sentry || off.sentry) throw new Error('Sentry should be on in one server and off in the other');
    const login = await fetch(`${off.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench-sentry@bench.example', password: 'bench-password-1' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (login.status !== 200 || !cookie) throw new Error(`bench sign-in failed: ${login.status}`);
    // Prove the Sentry side really sends: one deliberate error must reach the receiver.
    await fetch(`${on.url}/api/admin/system/test-error`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    await receiver.waitFor(() => receiver.events().length > 0, 15_000);

    const job = (url: string, seconds: number): LoadJob => ({ url: url + PATH, headers: { cookie }, connections, durationSeconds: seconds });
    log(`warming up both servers (${PATH})`);
    await runLoad(job(on.url, 3));
    await runLoad(job(off.url, 3));
    const slice = Math.max(1, Math.round(duration / rounds));
    const totals = { on: { ok: 0, s: 0 }, off: { ok: 0, s: 0 } };
    for (let r = 0; r < rounds; r++) {
      for (const side of r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        const raw = await runLoad(job(side === 'on' ? on.url : off.url, slice));
        if (raw.non2xx || raw.errors) throw new Error(`${side}: ${raw.non2xx} non-2xx, ${raw.errors} errors`);
        totals[side].ok += raw.latencies.length;
        totals[side].s += raw.durationSeconds;
      }
    }
    const result = { on: totals.on.ok / totals.on.s, off: totals.off.ok / totals.off.s, ratio: 0 };
    result.ratio = result.on / result.off;
    log(`Sentry on: ${result.on.toFixed(0)} req/s, off: ${result.off.toFixed(0)} req/s, ratio ${result.ratio.toFixed(3)} (goal ≥ ${GOAL}) ${result.ratio >= GOAL ? 'MET' : 'MISSED'}`);
    writeResults(result, { duration: slice * rounds, connections });
    return result;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await receiver.stop();
    await postgres.stop();
  }
}

function writeResults(r: SentryBenchResult, o: { duration: number; connections: number }): void {
  const file = path.resolve(env.BENCH_RESULTS || path.join(HERE, 'RESULTS.md'));
  writeResultsSection(file, 'sentry', [
    '## Sentry overhead (errors only)',
    '',
    `\`GET ${PATH}\` (signed in as a super admin, 300 users), ${o.connections} connections, ${o.duration} s per side in alternating slices, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)} at the end (a busy machine makes single runs noisy), ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| Server | req/s |',
    '|---|---|',
    `| Sentry on (tracesSampleRate 0, local receiver) | ${r.on.toFixed(0)} |`,
    `| Sentry off | ${r.off.toFixed(0)} |`,
    `| **ratio** (goal ≥ ${GOAL}) | **${r.ratio.toFixed(3)}** ${r.ratio >= GOAL ? 'met' : 'missed'} |`,
  ]);
}

if (env.SENTRY_BENCH_CHILD) {
  void serve();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runSentryBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
