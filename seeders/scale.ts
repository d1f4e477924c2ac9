/**
 * Bulk synthetic data for load tests: N users, K projects each and M analyses per project, streamed
 * into PostgreSQL with COPY (binary format) straight from generators, about 1 MiB of rows at a time.
 *
 * - Every user gets the same precomputed password hash (password SCALE_PASSWORD): hashing a million
 *   passwords would take the better part of a day at OWASP's scrypt cost.
 * - Everything happens in ONE transaction, so an interrupted run leaves the database as it was. Inside
 *   it the secondary indexes of users/projects/analyses and the foreign keys of projects/analyses are
 *   dropped before the COPYs and recreated afterwards from their exact catalog definitions (building
 *   an index once, and validating a foreign key with one join, is much cheaper than doing either row by
 *   row). Primary keys stay. Recreating re-checks uniqueness and every reference, so nothing is
 *   trusted blindly. Then VACUUM (ANALYZE), so the planner has statistics and the visibility map is set.
 * - It refuses to run on a table that already holds more than a handful of users unless `append` is
 *   set; appended users continue the numbering (user{i}@scale.example) after the highest existing one.
 */

import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../server/src/modules/auth/password';
import { DAY_MS } from '../server/src/lib/time';

export const SCALE_PASSWORD = 'socrates-scale';

export interface ScaleOptions {
  users: number;
  /** Default 2. */
  projectsPerUser?: number;
  /** Default 2. */
  analysesPerProject?: number;
  /** Add to a populated database instead of refusing. */
  append?: boolean;
  log?: (s: string) => void;
}

export interface ScaleResult {
  users: number;
  projects: number;
  analyses: number;
  seconds: number;
}

/** Thrown, before anything is written, when the database is already populated and `append` is not set. */
export class SeedScaleRefused extends Error {
  override name = 'SeedScaleRefused';
}

/** More users than this (demo accounts, a bench admin) means "already populated". */
const HANDFUL = 100;
const SPREAD_MS = 3 * 365 * DAY_MS;

const TABLES = ['users', 'projects', 'analyses'] as const;

const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Ben', 'Carla', 'Chen', 'Dario', 'Elena', 'Emil', 'Fatima', 'Felix', 'Grace', 'Hana',
  'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jin', 'Julia', 'Kai', 'Lara', 'Leo', 'Lina', 'Marco', 'Maya', 'Nadia', 'Noah',
  'Olga', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Sofia', 'Tariq', 'Uma', 'Victor', 'Wen', 'Yara', 'Zoe',
];
const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski',
  'Lopez', 'Mensah', 'Moreau', 'Nakamura', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Quispe', 'Rossi', 'Schmidt', 'Silva',
  'Tanaka', 'Thompson', 'Umarov', 'Varga', 'Wagner', 'Wang', 'Weber', 'Xu', 'Yilmaz', 'Young', 'Zhang',
];
const PROJECT_WORDS = ['Checkout', 'Billing', 'Search', 'Reports', 'Inventory', 'Auth', 'Notifications', 'Gateway', 'Analytics', 'Onboarding', 'Payments', 'Catalog'];
const PROJECT_KINDS = ['API', 'Service', 'Dashboard', 'Worker', 'CLI', 'SDK', 'Website', 'Importer'];
const FILENAMES = ['index.js', 'app.ts', 'server.js', 'utils.py', 'main.py', 'handlers.ts', 'db.ts', 'report.py', 'cart.js', 'auth.ts'];
const ANALYSIS_TYPES = ['security', 'quality', 'performance', 'bugs'];

/** Fills the database at `url` fast with COPY; see the file comment. */
export async function seedScale(url: string, opts: ScaleOptions): Promise<ScaleResult> {
  const log = opts.log ?? (() => {});
  const users = opts.users;
  const projectsPerUser = opts.projectsPerUser ?? 2;
  const analysesPerProject = opts.analysesPerProject ?? 2;
  for (const [name, v] of Object.entries({ users, projectsPerUser, analysesPerProject })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`seedScale: ${name} must be a non-negative integer (got ${v})`);
  }
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [{ n: existing }] } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM users LIMIT ${HANDFUL + 1}) t`);
    if (Number(existing) > HANDFUL && !opts.append) {
      throw new SeedScaleRefused(
        `The users table already holds more than ${HANDFUL} rows: refusing to add ${users.toLocaleString('en')} more. ` +
          'Pass --append to add to it anyway, or start from an empty database.',
      );
    }
    const firstIndex = opts.append ? await nextScaleIndex(client) : 0;
    const passwordHash = await hashPassword(SCALE_PASSWORD);
    const now = Date.now();

    // One transaction: a failed or interrupted run leaves the database exactly as it was.
    await client.query('BEGIN');
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await client.query(`SET LOCAL work_mem = '256MB'`);
    const deferred = await dropForBulkLoad(client, log);

    // --- users ---------------------------------------------------------------------------------------
    const userIds = new UuidStore(users);
    const userCreated = new Float64Array(users);
    await copyRows(client, 'users', ['id', 'name', 'email', 'password_hash', 'status', 'last_active_at', 'created_at', 'updated_at'], users, log, function* (w) {
      for (let i = 0; i < users; i++) {
        const n = firstIndex + i;
        const created = now - Math.floor(Math.random() * SPREAD_MS);
        userCreated[i] = created;
        // 5% never came back after signing up; the rest were last seen somewhere between signup and now
        const lastActive = Math.random() < 0.05 ? null : created + Math.floor(Math.random() * (now - created));
        w.tuple(8);
        w.uuid(userIds.add(i));
        w.text(`${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length]}`);
        w.text(`user${n}@scale.example`);
        w.text(passwordHash);
        w.text(Math.random() < 0.97 ? 'active' : 'suspended');
        if (lastActive === null) w.null();
        else w.timestamptz(lastActive);
        w.timestamptz(created);
        w.timestamptz(lastActive ?? created);
        yield;
      }
    });

    // --- projects ------------------------------------------------------------------------------------
    const projects = users * projectsPerUser;
    const projectIds = new UuidStore(projects);
    const projectCreated = new Float64Array(projects);
    await copyRows(client, 'projects', ['id', 'owner_id', 'name', 'description', 'status', 'completion_percentage', 'created_at', 'updated_at'], projects, log, function* (w) {
      let p = 0;
      for (let u = 0; u < users; u++) {
        for (let k = 0; k < projectsPerUser; k++, p++) {
          const created = userCreated[u] + Math.floor(Math.random() * (now - userCreated[u]));
          projectCreated[p] = created;
          const r = Math.random();
          const status = r < 0.6 ? 'active' : r < 0.85 ? 'completed' : 'archived';
          w.tuple(8);
          w.uuid(projectIds.add(p));
          w.uuid(userIds.get(u));
          w.text(`${PROJECT_WORDS[p % PROJECT_WORDS.length]} ${PROJECT_KINDS[(p >> 3) % PROJECT_KINDS.length]}`);
          w.text('');
          w.text(status);
          w.int4(status === 'completed' ? 100 : Math.floor(Math.random() * 96));
          w.timestamptz(created);
          w.timestamptz(created + Math.floor(Math.random() * (now - created)));
          yield;
        }
      }
    });

    // --- analyses ------------------------------------------------------------------------------------
    const analyses = projects * analysesPerProject;
    await copyRows(
      client,
      'analyses',
      ['id', 'project_id', 'snippet_id', 'owner_id', 'snippet_filename', 'type', 'status', 'quality_score', 'bugs_found', 'confidence', 'summary', 'findings', 'error', 'started_at', 'completed_at', 'created_at', 'updated_at'],
      analyses,
      log,
      function* (w) {
        const id = Buffer.alloc(16);
        let a = 0;
        for (let p = 0; p < projects; p++) {
          const owner = userIds.get(Math.floor(p / projectsPerUser));
          for (let k = 0; k < analysesPerProject; k++, a++) {
            const created = projectCreated[p] + Math.floor(Math.random() * Math.max(0, now - 60_000 - projectCreated[p]));
            const startedAt = created + 500 + Math.floor(Math.random() * 3_000);
            const completedAt = startedAt + 200 + Math.floor(Math.random() * 3_000);
            const bugs = Math.floor(Math.random() * Math.random() * 8);
            w.tuple(17);
            UuidStore.write(id, 0);
            w.uuid(id);
            w.uuid(projectIds.get(p));
            w.null(); // snippet_id: synthetic analyses have no stored snippet
            w.uuid(owner);
            w.text(FILENAMES[a % FILENAMES.length]);
            w.text(ANALYSIS_TYPES[a % ANALYSIS_TYPES.length]);
            w.text('completed');
            w.int4(Math.max(0, 100 - bugs * 9 - Math.floor(Math.random() * 12)));
            w.int4(bugs);
            w.float8((85 + Math.floor(Math.random() * 11)) / 100);
            w.text(bugs === 0 ? 'No issues found.' : `${bugs} ${bugs === 1 ? 'issue' : 'issues'} found.`);
            w.jsonb('[]');
            w.null(); // error
            w.timestamptz(startedAt);
            w.timestamptz(completedAt);
            w.timestamptz(created);
            w.timestamptz(completedAt);
            yield;
          }
        }
      },
    );

    await restoreAfterBulkLoad(client, deferred, log);
    log('COMMIT…');
    await client.query('COMMIT');

    // VACUUM as well as ANALYZE: it sets the visibility map and hint bits, so the tables behave like a
    // long-lived database's (index-only scans, no hint-bit writes on the first reads) rather than a
    // freshly loaded one's.
    log('VACUUM (ANALYZE)…');
    const tv = performance.now();
    await client.query('VACUUM (ANALYZE) users, projects, analyses');
    log(`  done in ${seconds(tv)} s`);
    const result = { users, projects, analyses, seconds: (performance.now() - started) / 1000 };
    log(`Done: ${fmt(users)} users, ${fmt(projects)} projects, ${fmt(analyses)} analyses in ${result.seconds.toFixed(1)} s (password for all: ${SCALE_PASSWORD}).`);
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined); // a no-op warning outside a transaction
    throw err;
  } finally {
    await client.end();
  }
}

interface Deferred {
  indexes: Array<{ table: string; name: string; definition: string }>;
  foreignKeys: Array<{ table: string; name: string; definition: string }>;
}

/**
 * Drops, inside the load's transaction, what makes row-by-row loading slow: the secondary indexes of
 * the three tables (every index that is not a primary key / unique / exclusion constraint, e.g. the
 * users table's users_email_key, users_created_at_idx, users_status_created_at_idx,
 * users_last_active_at_idx, users_name_trgm_idx and users_email_trgm_idx) and the foreign keys of
 * projects and analyses, whose per-row checks all queue up until the end of each COPY. Their exact
 * definitions come from the catalog (pg_get_indexdef / pg_get_constraintdef), so they are recreated
 * verbatim; recreating them re-checks uniqueness and every reference in one pass, and if any check
 * failed the whole transaction would roll back.
 */
async function dropForBulkLoad(client: pg.Client, log: (s: string) => void): Promise<Deferred> {
  const tables = TABLES.map((t) => `'${t}'::regclass`).join(', ');
  const { rows: indexes } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE x.indrelid IN (${tables})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY t.relname, i.relname`,
  );
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
      WHERE k.contype = 'f' AND k.conrelid IN (${tables}) AND k.conrelid <> k.confrelid
      ORDER BY t.relname, k.conname`,
  );
  log(`Deferring ${indexes.length} indexes and ${foreignKeys.length} foreign keys until after the load: ${[...indexes, ...foreignKeys].map((x) => x.name).join(', ')}`);
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${client.escapeIdentifier(fk.table)} DROP CONSTRAINT ${client.escapeIdentifier(fk.name)}`);
  for (const ix of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(ix.name)}`);
  return { indexes, foreignKeys };
}

async function restoreAfterBulkLoad(client: pg.Client, deferred: Deferred, log: (s: string) => void): Promise<void> {
  const t0 = performance.now();
  for (const ix of deferred.indexes) {
    const t = performance.now();
    await client.query(ix.definition);
    log(`  index ${ix.name} rebuilt in ${seconds(t)} s`);
  }
  for (const fk of deferred.foreignKeys) {
    const t = performance.now();
    await client.query(`ALTER TABLE ${client.escapeIdentifier(fk.table)} ADD CONSTRAINT ${client.escapeIdentifier(fk.name)} ${fk.definition}`);
    log(`  foreign key ${fk.name} restored and validated in ${seconds(t)} s`);
  }
  log(`  indexes and foreign keys restored in ${seconds(t0)} s`);
}

/** The next free N of user{N}@scale.example, so appended users never collide with earlier ones. */
async function nextScaleIndex(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string | null }>(
    `SELECT max(substring(email FROM '^user([0-9]+)@scale\\.example$')::bigint) AS n FROM users WHERE email LIKE 'user%@scale.example'`,
  );
  return rows[0].n === null ? 0 : Number(rows[0].n) + 1;
}

/**
 * COPY (binary format) `total` rows into `table`. The generator writes one row per step into the
 * writer; full buffers (~1 MiB) are streamed to the server as they fill, with backpressure, and
 * progress is reported about every 2 s.
 */
async function copyRows(
  client: pg.Client,
  table: string,
  columns: string[],
  total: number,
  log: (s: string) => void,
  rows: (w: BinaryCopyWriter) => Generator<void>,
): Promise<void> {
  if (total === 0) return;
  const t0 = performance.now();
  let done = 0;
  let lastLog = t0;
  function* chunks(): Generator<Buffer> {
    const w = new BinaryCopyWriter();
    w.header();
    for (const _ of rows(w)) {
      done++;
      if (w.full()) {
        yield w.take();
        const t = performance.now();
        if (t - lastLog > 2_000) {
          lastLog = t;
          log(`  ${table}: ${fmt(done)} / ${fmt(total)} (${fmt(Math.round(done / ((t - t0) / 1000)))} rows/s)`);
        }
      }
    }
    w.trailer();
    yield w.take();
  }
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
  await pipeline(Readable.from(chunks(), { objectMode: false, highWaterMark: 4 << 20 }), copy);
  const secs = (performance.now() - t0) / 1000;
  log(`  ${table}: ${fmt(done)} rows in ${secs.toFixed(1)} s (${fmt(Math.round(done / secs))} rows/s)`);
}

const CHUNK_BYTES = 1 << 20;
/** No generated row comes near this; a chunk is handed over once less than this is left. */
const MAX_ROW_BYTES = 4 << 10;
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

/** PostgreSQL's binary COPY format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4 */
class BinaryCopyWriter {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;

  header(): void {
    this.pos += this.buf.write('PGCOPY\n\xff\r\n\0', this.pos, 'latin1');
    this.pos = this.buf.writeInt32BE(0, this.pos); // flags
    this.pos = this.buf.writeInt32BE(0, this.pos); // header extension length
  }

  trailer(): void {
    this.pos = this.buf.writeInt16BE(-1, this.pos);
  }

  full(): boolean {
    return this.pos > CHUNK_BYTES - MAX_ROW_BYTES;
  }

  /** The bytes written so far; continues in a fresh buffer. */
  take(): Buffer {
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.pos = 0;
    return chunk;
  }

  tuple(fields: number): void {
    this.pos = this.buf.writeInt16BE(fields, this.pos);
  }

  null(): void {
    this.pos = this.buf.writeInt32BE(-1, this.pos);
  }

  uuid(bytes: Uint8Array): void {
    this.pos = this.buf.writeInt32BE(16, this.pos);
    this.buf.set(bytes, this.pos);
    this.pos += 16;
  }

  text(s: string): void {
    const len = this.buf.write(s, this.pos + 4, 'utf8');
    this.buf.writeInt32BE(len, this.pos);
    this.pos += 4 + len;
  }

  jsonb(json: string): void {
    const len = this.buf.write(json, this.pos + 5, 'utf8');
    this.buf.writeInt32BE(len + 1, this.pos);
    this.buf[this.pos + 4] = 1; // jsonb binary format version
    this.pos += 5 + len;
  }

  int4(n: number): void {
    this.pos = this.buf.writeInt32BE(4, this.pos);
    this.pos = this.buf.writeInt32BE(n, this.pos);
  }

  float8(x: number): void {
    this.pos = this.buf.writeInt32BE(8, this.pos);
    this.pos = this.buf.writeDoubleBE(x, this.pos);
  }

  /** Milliseconds since the Unix epoch → microseconds since 2000-01-01 as a big-endian int64. */
  timestamptz(ms: number): void {
    const micros = (ms - PG_EPOCH_MS) * 1000;
    const hi = Math.floor(micros / TWO_32);
    this.pos = this.buf.writeInt32BE(8, this.pos);
    this.pos = this.buf.writeInt32BE(hi, this.pos);
    this.pos = this.buf.writeUInt32BE(micros - hi * TWO_32, this.pos);
  }
}

/** crypto.randomUUID()s kept as 16 raw bytes each: a few million ids in one buffer instead of strings. */
class UuidStore {
  private readonly bytes: Buffer;

  constructor(count: number) {
    this.bytes = Buffer.alloc(count * 16);
  }

  /** A fresh random UUID stored at `index`; returns its bytes. */
  add(index: number): Buffer {
    UuidStore.write(this.bytes, index * 16);
    return this.get(index);
  }

  get(index: number): Buffer {
    return this.bytes.subarray(index * 16, index * 16 + 16);
  }

  static write(target: Buffer, offset: number): void {
    const u = randomUUID();
    target.write(u.slice(0, 8), offset, 'hex');
    target.write(u.slice(9, 13), offset + 4, 'hex');
    target.write(u.slice(14, 18), offset + 6, 'hex');
    target.write(u.slice(19, 23), offset + 8, 'hex');
    target.write(u.slice(24), offset + 10, 'hex');
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en');
}

function seconds(t0: number): string {
  return ((performance.now() - t0) / 1000).toFixed(1);
}
