import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { dayOf, daysBetween, monthsCovering, nextMonth } from '../days';
import { ensurePartitions, monthsInDefaultPartition } from '../partitions';
import {
  dayBounds, MONTHLY_ACTIVITY_COLUMNS, MONTHLY_PROJECT_COLUMNS, monthlyActivity, monthlyProjectActivity, MRR_DAY_COLUMNS, PROJECT_DAY_COLUMNS, PROJECT_DAYS, RECONSTRUCTED_MRR, refreshMetrics, rollupMrr,
  rollupPlatform, USER_DAY_COLUMNS, USER_DAYS,
} from './rollup.service';
import { bumpRollupVersion } from '../report-cache';

export interface BackfillResult {
  from: string;
  to: string;
  days: number;
  partitionsCreated: string[];
  ms: number;
  /** milliseconds per phase: months (events and MRR snapshots), indexes, mrr movements, platform and metrics */
  steps: Record<string, number>;
}

/** The nightly job's lock (rollup.service.ts): exclusive there and in phase 2 here, shared by the months of phase 1. */
const ROLLUP_LOCK = 7_316_009;
/** Held for a whole backfill: its build tables are shared by its transactions, so only one backfill at a time. */
const BACKFILL_LOCK = 7_316_010;
/** Enough for a month's hash aggregate (hundreds of thousands of customer-days) and the index builds to stay in memory. */
const WORK_MEM = `SET LOCAL work_mem = '128MB'; SET LOCAL maintenance_work_mem = '256MB'`;

/**
 * The rollup tables the backfill rebuilds (from raw events, and the MRR snapshots from subscriptions). Filling a table that has no index yet and
 * building its indexes afterwards is several times cheaper than inserting millions of rows through a primary
 * key, a second b-tree and a foreign-key check each (docs/analytics.md, "Backfill"). Each `finish` recreates
 * exactly the keys, indexes and foreign keys of migrations/0009 on the build table; its indexes take the
 * live names once the live table is dropped. `keep` selects the live rows that the new table takes over.
 * A customer or project deleted while the months are rolled up makes the foreign key refuse the new table
 * (the backfill fails and can be run again).
 */
const REBUILT = [
  {
    table: 'analytics_daily_users',
    // A month's customer-days also give that month's activity rows, in the same statement: the
    // customer-days are computed once and read twice. (A month the range cuts may have more days, kept
    // from the live table: phase 2 rebuilds its rows then.)
    fill: (b: string) => `WITH d (${USER_DAY_COLUMNS}) AS MATERIALIZED (${USER_DAYS}),
        days AS (INSERT INTO ${b} (${USER_DAY_COLUMNS}) SELECT * FROM d)
      INSERT INTO ${build('analytics_monthly_user_activity')} (${MONTHLY_ACTIVITY_COLUMNS}) ${monthlyActivity('d')}`,
    keep: `day < :from OR day >= :to`,
    fromDays: null,
    finish: (b: string) => [
      `ALTER TABLE ${b} ADD CONSTRAINT ${b}_pkey PRIMARY KEY (day, user_id)`,
      `CREATE INDEX ${b}_user_idx ON ${b} (user_id, day)`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_daily_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
    ],
    indexes: ['_pkey', '_user_idx'],
  },
  {
    table: 'analytics_daily_projects',
    fill: (b: string) => `WITH d (${PROJECT_DAY_COLUMNS}) AS MATERIALIZED (${PROJECT_DAYS}),
        days AS (INSERT INTO ${b} (${PROJECT_DAY_COLUMNS}) SELECT * FROM d)
      INSERT INTO ${build('analytics_monthly_project_activity')} (${MONTHLY_PROJECT_COLUMNS}) ${monthlyProjectActivity('d')}`,
    keep: `day < :from OR day >= :to`,
    fromDays: null,
    finish: (b: string) => [
      `ALTER TABLE ${b} ADD CONSTRAINT ${b}_pkey PRIMARY KEY (day, project_id, analysis_type)`,
      `CREATE INDEX ${b}_user_idx ON ${b} (user_id, day)`,
      `CREATE INDEX ${b}_project_idx ON ${b} (project_id, day)`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_daily_projects_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_daily_projects_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
    ],
    indexes: ['_pkey', '_user_idx', '_project_idx'],
  },
  {
    table: 'analytics_mrr_daily',
    fill: (b: string) => `INSERT INTO ${b} (${MRR_DAY_COLUMNS}) ${RECONSTRUCTED_MRR}`,
    // observed snapshots are never rewritten (the reconstruction skips their days)
    keep: `day < :from OR day >= :to OR NOT reconstructed OR day IN (SELECT day FROM analytics_mrr_snapshots)`,
    fromDays: null,
    finish: (b: string) => [
      `ALTER TABLE ${b} ADD CONSTRAINT ${b}_pkey PRIMARY KEY (day, user_id)`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_mrr_daily_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
    ],
    indexes: ['_pkey'],
  },
  {
    // filled with the customer-days above, and in phase 2 for months the range cuts that kept days of
    table: 'analytics_monthly_user_activity',
    fill: null,
    // the months the range does not touch
    keep: `month < date_trunc('month', CAST(:from AS date)) OR month >= :to`,
    // a month's rows from its days, for a month the range cuts (phase 2)
    fromDays: { days: 'analytics_daily_users', rows: (days: string) => `(${MONTHLY_ACTIVITY_COLUMNS}) ${monthlyActivity(days)}` },
    finish: (b: string) => [
      `ALTER TABLE ${b} ADD CONSTRAINT ${b}_pkey PRIMARY KEY (month, user_id, tier)`,
      `CREATE INDEX ${b}_user_idx ON ${b} (user_id, month)`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_monthly_user_activity_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
      // as migration 0013: no statistics for the running totals (nothing filters on them; ANALYZE of arrays is costly)
      `ALTER TABLE ${b} ALTER COLUMN events_running SET STATISTICS 0, ALTER COLUMN analyses_running SET STATISTICS 0`,
    ],
    indexes: ['_pkey', '_user_idx'],
  },
  {
    table: 'analytics_monthly_project_activity',
    fill: null,
    keep: `month < date_trunc('month', CAST(:from AS date)) OR month >= :to`,
    fromDays: { days: 'analytics_daily_projects', rows: (days: string) => `(${MONTHLY_PROJECT_COLUMNS}) ${monthlyProjectActivity(days)}` },
    finish: (b: string) => [
      `ALTER TABLE ${b} ADD CONSTRAINT ${b}_pkey PRIMARY KEY (month, project_id, analysis_type, user_id)`,
      `CREATE INDEX ${b}_project_idx ON ${b} (project_id)`,
      `CREATE INDEX ${b}_user_idx ON ${b} (user_id)`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_monthly_project_activity_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE`,
      `ALTER TABLE ${b} ADD CONSTRAINT analytics_monthly_project_activity_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
      `ALTER TABLE ${b} ALTER COLUMN analyses_running SET STATISTICS 0, ALTER COLUMN completed_running SET STATISTICS 0, ALTER COLUMN bugs_running SET STATISTICS 0,
         ALTER COLUMN quality_running SET STATISTICS 0, ALTER COLUMN confidence_running SET STATISTICS 0`,
    ],
    indexes: ['_pkey', '_project_idx', '_user_idx'],
  },
] as const;

const build = (table: string) => `${table}_rebuild`;

async function exec(sql: string, t: Transaction, replacements: Record<string, unknown> = {}): Promise<void> {
  await db().query(sql, { transaction: t, replacements });
}

/** Runs fn while holding BACKFILL_LOCK on a connection of its own (a session lock outlives the transactions). */
async function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  type Conn = { query(sql: string): Promise<{ rows: Array<{ ok: boolean }> }> };
  const cm = db().connectionManager as unknown as { getConnection(o: object): Promise<Conn>; releaseConnection(c: Conn): void };
  const conn = await cm.getConnection({ type: 'write' });
  try {
    const { rows } = await conn.query(`SELECT pg_try_advisory_lock(${BACKFILL_LOCK}) AS ok`);
    if (!rows[0]?.ok) throw new Error('Another analytics backfill is running: wait for it to finish.');
    try {
      return await fn();
    } finally {
      await conn.query(`SELECT pg_advisory_unlock(${BACKFILL_LOCK}) AS ok`).catch(() => undefined);
    }
  } finally {
    cm.releaseConnection(conn);
  }
}

/**
 * Rebuilds every rollup for [from, to) (default: from the first event or signup through yesterday, the
 * last complete day; customers' today is live): gives months stranded in the default partition their own
 * partition, then
 * 1. rolls the events up and reconstructs the MRR snapshots month by month, two months at a time (the
 *    machine's cores), into new tables without indexes, and each month's customer- and project-days up into
 *    its activity rows;
 * 2. in one transaction: copies the rows outside [from, to) into the new tables, builds their keys and
 *    indexes, rolls up MRR movements, platform rows and the all-time metrics from them, and swaps them in
 *    for the live tables (readers wait only for that commit).
 * Safe to re-run at any time; a second backfill started meanwhile is refused.
 */
export async function backfillAnalytics(opts: { from?: string; to?: string } = {}): Promise<BackfillResult> {
  const started = Date.now();
  const partitionsCreated: string[] = [];
  for (const month of await monthsInDefaultPartition()) partitionsCreated.push(...(await ensurePartitions({ from: month, monthsAhead: 0 })).filter((m) => m === month.slice(0, 7)));
  partitionsCreated.push(...(await ensurePartitions({ monthsAhead: 3 })));
  const [first] = await db().query<{ day: string | null }>(
    `SELECT to_char(least((SELECT min(occurred_at) FROM analytics_events), (SELECT min(created_at) FROM users)) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`,
    { type: QueryTypes.SELECT },
  );
  const to = opts.to ?? dayOf(clock.now());
  const from = opts.from ?? first?.day ?? dayOf(clock.now());
  const months: Array<[string, string]> = [];
  // months the range covers only in part (their activity rows may need the days kept from the live table)
  const cutMonths: string[] = [];
  for (const month of monthsCovering(from, to)) {
    const lo = month < from ? from : month;
    const next = nextMonth(month);
    const hi = next > to ? to : next;
    if (lo < hi) months.push([lo, hi]);
    if (lo !== month || hi !== next) cutMonths.push(month);
  }
  const steps: Record<string, number> = {};
  const step = (name: string, since: number) => {
    steps[name] = Math.round(performance.now() - since);
    logger.debug({ from, to, step: name, ms: steps[name] }, 'analytics: backfill step');
  };

  await oneAtATime(async () => {
    await db().transaction(async (t) => {
      for (const r of REBUILT) {
        await exec(`DROP TABLE IF EXISTS ${build(r.table)}`, t);
        await exec(`CREATE TABLE ${build(r.table)} (LIKE ${r.table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`, t);
      }
    });

    // Phase 1: each month in its own transaction, two at a time. The shared lock lets the months run
    // together but never beside the nightly job's exclusive one.
    let since = performance.now();
    let nextPiece = 0;
    const worker = async () => {
      while (nextPiece < months.length) {
        const [lo, hi] = months[nextPiece++];
        await db().transaction(async (t) => {
          await exec(`SELECT pg_advisory_xact_lock_shared(${ROLLUP_LOCK})`, t);
          await exec(WORK_MEM, t);
          for (const r of REBUILT) if (r.fill) await exec(r.fill(build(r.table)), t, { ...dayBounds(lo, hi), month: `${lo.slice(0, 7)}-01` });
        });
      }
    };
    await Promise.all([worker(), worker()]);
    step('months', since);

    // Phase 2, once over the whole range: MRR movements need the day before each month; platform rows
    // and the all-time metrics read the new tables.
    await db().transaction(async (t) => {
      await exec(`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`, t);
      await exec(WORK_MEM, t);
      since = performance.now();
      for (const r of REBUILT) {
        const b = build(r.table);
        await exec(`INSERT INTO ${b} SELECT * FROM ${r.table} WHERE ${r.keep}`, t, { from, to });
        // A month the range cuts whose other days were kept from the live table: its activity rows again,
        // from all its days in the new day table (rolled up or kept). Usually there are none (a default
        // backfill runs from the first event through today).
        const fromDays = r.fromDays;
        if (fromDays) {
          const days = build(fromDays.days);
          for (const month of cutMonths) {
            const m = { month, from: month, to: nextMonth(month), lo: from, hi: to };
            const [kept] = await db().query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${days} WHERE day >= :from AND day < :to AND (day < :lo OR day >= :hi)) AS any`, { replacements: m, transaction: t, type: QueryTypes.SELECT });
            if (!kept.any) continue;
            await exec(`DELETE FROM ${b} WHERE month = :month`, t, m);
            await exec(`INSERT INTO ${b} ${fromDays.rows(days)}`, t, m);
          }
        }
        for (const sql of r.finish(b)) await exec(sql, t);
        await exec(`ANALYZE ${b}`, t);
      }
      step('indexes', since);
      since = performance.now();
      await rollupMrr(t, from, to, { mrr: build('analytics_mrr_daily') });
      step('mrr movements', since);
      since = performance.now();
      await rollupPlatform(t, from, to, { users: build('analytics_daily_users') });
      await refreshMetrics(t, { users: build('analytics_daily_users'), projects: build('analytics_daily_projects') });
      step('platform and metrics', since);
      for (const r of REBUILT) {
        await exec(`DROP TABLE ${r.table}`, t);
        await exec(`ALTER TABLE ${build(r.table)} RENAME TO ${r.table}`, t);
        for (const suffix of r.indexes) await exec(`ALTER INDEX ${build(r.table)}${suffix} RENAME TO ${r.table}${suffix}`, t);
      }
      await bumpRollupVersion(t);
    });
  });
  const days = months.length ? daysBetween(months[0][0], months[months.length - 1][1]) : 0;
  return { from, to, days, partitionsCreated, ms: Date.now() - started, steps };
}
