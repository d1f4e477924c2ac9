/**
 * Month-end benchmark: the billing month-end run (runMonthEnd) over BENCH_SUBSCRIPTIONS subscriptions
 * (default 100,000) whose period has just ended, each with a working test card on the local gateway.
 * Goal: under 60 s, and exactly one regular invoice per subscription (asserted; a miss fails the run).
 *
 * What is timed is the production path, the scheduled job's `runMonthEnd(gateway, { collect: 'queue' })`:
 * periods closed in batches and one `billing.collect_invoice` job per invoice sent with it (asserted: one
 * queued collection per invoice). The collections themselves run later in the job workers; for information
 * the benchmark then collects a sample of BENCH_MONTH_END_DRAIN_SAMPLE queued invoices (default 500; 0 = none)
 * the way the job does and reports their rate.
 *
 * Runs alone (`BENCH_ONLY=month-end npm run bench`, or `node --import tsx bench/month-end.ts`) or after the
 * users-list benchmark from bench/run.ts. Its own embedded PostgreSQL lives in BENCH_MONTH_END_DIR
 * (default server/bench/.scale/month-end, git-ignored) on BENCH_MONTH_END_PG_PORT (54340); the dataset is rebuilt every run
 * (generate_series, a few seconds per 100,000). Writes its section of RESULTS.md between markers, so the
 * users-list section stays.
 *
 * Dataset: 80% Professional, 20% Enterprise; one in five went over its analyses limit by 100 (an overage
 * line); the tax rate is 8.25%; every account has the 4242 test card as its default, so each invoice is
 * charged through the local gateway (its payments table) like test mode does. pg-boss runs without workers
 * (jobs are only sent); webhook events of the local gateway are not delivered.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envInt } from './env-int';
import { writeResultsSection } from './results-file';

process.env.LOG_LEVEL = 'silent';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const int = envInt;

const GOAL_SECONDS = 60;
const log = (s: string) => console.log(`[bench month-end ${new Date().toISOString().slice(11, 19)}] ${s}`);

export interface MonthEndBenchResult {
  subscriptions: number;
  seconds: number;
  seedSeconds: number;
  counts: Record<string, number>;
  invoices: number;
  subscriptionsWithOneInvoice: number;
  queued: number;
  drain: { sample: number; seconds: number; paid: number } | null;
  concurrency: number;
  pass: boolean;
}

/** Seeds, runs month end once, checks one invoice each, writes the RESULTS.md section. Throws when the invoices are wrong. */
export async function runMonthEndBench(): Promise<MonthEndBenchResult> {
  const SUBSCRIPTIONS = int('BENCH_SUBSCRIPTIONS', 100_000);
  const DIR = path.resolve(env.BENCH_MONTH_END_DIR || path.join(HERE, '.scale', 'month-end'));
  const PG_PORT = int('BENCH_MONTH_END_PG_PORT', 54340);
  const CONCURRENCY = int('BENCH_MONTH_END_CONCURRENCY', 2);
  const BATCH = int('BENCH_MONTH_END_BATCH', 1000);
  const DRAIN_SAMPLE = env.BENCH_MONTH_END_DRAIN_SAMPLE === '0' ? 0 : int('BENCH_MONTH_END_DRAIN_SAMPLE', 500);
  const RESULTS = path.resolve(env.BENCH_RESULTS || path.join(HERE, 'RESULTS.md'));

  const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres');
  const { closeDatabase, connectDatabase, db } = await import('../src/db/sequelize');
  const { migrateUp } = await import('../src/db/migrator');
  const { createPaymentGateway } = await import('../src/modules/billing/gateways');
  const { SqlLocalGatewayStore } = await import('../src/modules/billing/gateways/sql-local-gateway-store');
  const { runMonthEnd } = await import('../src/modules/billing/services/run-month-end.service');
  const { COLLECT_INVOICE_JOB, collectInvoiceJob } = await import('../src/modules/billing/services/collect-invoice.service');
  const { defineQueue, startQueue, stopQueue } = await import('../src/jobs/queue');

  fs.mkdirSync(DIR, { recursive: true });
  log(`PostgreSQL in ${DIR} on port ${PG_PORT}`);
  const postgres = await startEmbeddedPostgres({ dir: path.join(DIR, 'postgres'), port: PG_PORT, database: 'socrates_month_end' });
  try {
    // One connection per batch in flight, plus room for the collection sample.
    const sequelize = await connectDatabase(postgres.url, { poolMax: Math.max(CONCURRENCY, 8) + 2 });
    await migrateUp(sequelize, { quiet: true });
    // The job queue, without workers: month end only sends the collection jobs.
    defineQueue({ name: COLLECT_INVOICE_JOB, handler: async () => undefined });
    await startQueue(postgres.url, { work: false });
    await db().query(`DELETE FROM pgboss.job WHERE name = $1`, { bind: [COLLECT_INVOICE_JOB] });
    const q = async <T = Record<string, unknown>>(sql: string, bind: unknown[] = []) => (await db().query(sql, { bind, type: 'SELECT' as never })) as unknown as T[];

    // --- dataset: periods 1 Feb → 1 Mar 2027, month end at 1 Mar 01:00 UTC ------------------------------
    const seedStart = performance.now();
    log(`seeding ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions…`);
    await db().query('TRUNCATE users CASCADE');
    await db().query(`DELETE FROM settings WHERE key = 'billing.tax_rate_bps'`);
    await db().query(`INSERT INTO settings (key, value, updated_at) VALUES ('billing.tax_rate_bps', '825', now())`);
    await db().query(`ALTER SEQUENCE invoice_number_seq RESTART`);
    await db().query(
      `INSERT INTO users (id, name, email, password_hash, created_at, updated_at)
       SELECT md5('u' || i)::uuid, 'Bench customer ' || i, 'bench' || i || '@month-end.bench', 'x', '2027-01-01', '2027-01-01'
       FROM generate_series(1, $1) i`,
      { bind: [SUBSCRIPTIONS] },
    );
    await db().query(
      `INSERT INTO local_gateway_customers (id, user_id, email, name, default_payment_method_id, created_at)
       SELECT 'cus_bench_' || i, md5('u' || i)::uuid, 'bench' || i || '@month-end.bench', 'Bench customer ' || i, 'pm_bench_' || i, '2027-01-01'
       FROM generate_series(1, $1) i`,
      { bind: [SUBSCRIPTIONS] },
    );
    await db().query(
      `INSERT INTO local_gateway_payment_methods (id, customer_id, brand, last4, exp_month, exp_year, behaviour, created_at)
       SELECT 'pm_bench_' || i, 'cus_bench_' || i, 'visa', '4242', 12, 2099, 'succeeds', '2027-01-01' FROM generate_series(1, $1) i`,
      { bind: [SUBSCRIPTIONS] },
    );
    await db().query(
      `INSERT INTO billing_accounts (user_id, gateway_customer_id, default_payment_method_id, created_at, updated_at)
       SELECT md5('u' || i)::uuid, 'cus_bench_' || i, 'pm_bench_' || i, '2027-01-01', '2027-01-01' FROM generate_series(1, $1) i`,
      { bind: [SUBSCRIPTIONS] },
    );
    await db().query(
      `INSERT INTO subscriptions (id, user_id, tier_id, anchor_day, current_period_start, current_period_end, created_at, updated_at)
       SELECT md5('s' || i)::uuid, md5('u' || i)::uuid, (SELECT id FROM subscription_tiers WHERE name = CASE WHEN i % 5 = 0 THEN 'enterprise' ELSE 'professional' END),
              1, '2027-02-01T00:00:00Z', '2027-03-01T00:00:00Z', '2027-01-01', '2027-01-01'
       FROM generate_series(1, $1) i`,
      { bind: [SUBSCRIPTIONS] },
    );
    await db().query(
      `INSERT INTO usage_records (subscription_id, metric, quantity, period_start, idempotency_key, recorded_at)
       SELECT md5('s' || i)::uuid, 'analyses_run', CASE WHEN i % 5 = 0 THEN 5100 ELSE 600 END, '2027-02-01T00:00:00Z', 'bench:' || i, '2027-02-15'
       FROM generate_series(1, $1) i WHERE i % 10 = 3 OR i % 10 = 5`,
      { bind: [SUBSCRIPTIONS] },
    );
    await db().query('VACUUM ANALYZE users, billing_accounts, subscriptions, usage_records, local_gateway_customers, local_gateway_payment_methods, invoices, invoice_items, payment_attempts, local_gateway_payments');
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);

    // --- the run ------------------------------------------------------------------------------------------
    const gateway = createPaymentGateway({ localStore: new SqlLocalGatewayStore() });
    const loadBefore = os.loadavg();
    log(`running month end (${BATCH} subscriptions per transaction, ${CONCURRENCY} in flight, collections queued)…`);
    const started = performance.now();
    const counts = await runMonthEnd(gateway, { now: new Date('2027-03-01T01:00:00Z'), concurrency: CONCURRENCY, batchSize: BATCH, collect: 'queue' });
    const seconds = (performance.now() - started) / 1000;
    const loadAfter = os.loadavg();
    log(`month end: ${seconds.toFixed(1)} s ${JSON.stringify(counts)}`);

    // --- checks: exactly one regular invoice per subscription, one queued collection each, all rolled over --
    const [check] = await q<{ invoices: number; subs_one: number; rolled: number; queued: number; overage: number; numbers: number }>(
      `SELECT (SELECT count(*)::int FROM invoices WHERE kind = 'regular') AS invoices,
              (SELECT count(*)::int FROM (SELECT subscription_id FROM invoices WHERE kind = 'regular' GROUP BY subscription_id HAVING count(*) = 1) x) AS subs_one,
              (SELECT count(*)::int FROM subscriptions WHERE current_period_start = '2027-03-01T00:00:00Z') AS rolled,
              (SELECT count(DISTINCT i.id)::int FROM pgboss.job j JOIN invoices i ON i.id = (j.data->>'invoiceId')::uuid WHERE j.name = $1) AS queued,
              (SELECT count(*)::int FROM invoice_items WHERE item_type = 'overage') AS overage,
              (SELECT count(DISTINCT number)::int FROM invoices) AS numbers`,
      [COLLECT_INVOICE_JOB],
    );
    const [{ jobs }] = await q<{ jobs: number }>(`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = $1`, [COLLECT_INVOICE_JOB]);
    const pass = check.invoices === SUBSCRIPTIONS && check.subs_one === SUBSCRIPTIONS && check.rolled === SUBSCRIPTIONS && check.queued === SUBSCRIPTIONS && jobs === SUBSCRIPTIONS && check.numbers === SUBSCRIPTIONS;

    // --- informative: collect a sample of the queued invoices the way the job does ---------------------------
    let drain: MonthEndBenchResult['drain'] = null;
    if (DRAIN_SAMPLE > 0) {
      const sample = await q<{ id: string }>(`SELECT (data->>'invoiceId') AS id FROM pgboss.job WHERE name = $1 ORDER BY created_on LIMIT $2`, [COLLECT_INVOICE_JOB, DRAIN_SAMPLE]);
      log(`collecting a sample of ${sample.length.toLocaleString('en')} queued invoices (8 in flight)…`);
      const t0 = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < sample.length) await collectInvoiceJob(gateway, { invoiceId: sample[next++].id });
      }));
      const drainSeconds = (performance.now() - t0) / 1000;
      const [{ paid }] = await q<{ paid: number }>(`SELECT count(*)::int AS paid FROM invoices WHERE status = 'paid' AND id = ANY($1::uuid[])`, [sample.map((s) => s.id)]);
      drain = { sample: sample.length, seconds: drainSeconds, paid };
      log(`collected ${paid}/${sample.length} in ${drainSeconds.toFixed(1)} s`);
    }
    const result: MonthEndBenchResult = {
      subscriptions: SUBSCRIPTIONS, seconds, seedSeconds, counts: { ...counts }, invoices: check.invoices,
      subscriptionsWithOneInvoice: check.subs_one, queued: jobs, drain, concurrency: CONCURRENCY, pass,
    };
    writeResultsSection(RESULTS, 'month-end', [
      `## Month end over ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions`,
      '',
      `Generated by \`BENCH_ONLY=month-end npm run bench\` (server/bench/month-end.ts) on ${new Date().toISOString()}; ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, load average ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after.`,
      '',
      `- Dataset: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions whose period ended (80% Professional, 20% Enterprise, one in five over its analyses limit), the 4242 test card on every account, tax 8.25%; seeded in ${seedSeconds.toFixed(1)} s.`,
      `- Run: the scheduled job's path, \`runMonthEnd(gateway, { collect: 'queue' })\` at 2027-03-01T01:00Z: ${BATCH.toLocaleString('en')} subscriptions per transaction (set-based), ${CONCURRENCY} transactions in flight, one \`billing.collect_invoice\` job per invoice sent in the invoice's transaction.`,
      `- **${seconds.toFixed(1)} s** (${Math.round(SUBSCRIPTIONS / seconds).toLocaleString('en')} subscriptions/s) — goal < ${GOAL_SECONDS} s: **${seconds < GOAL_SECONDS ? 'PASS' : 'FAIL'}**`,
      `- Regular invoices: ${check.invoices.toLocaleString('en')}; subscriptions with exactly one: ${check.subs_one.toLocaleString('en')}; distinct numbers: ${check.numbers.toLocaleString('en')}; collection jobs queued: ${jobs.toLocaleString('en')} (for ${check.queued.toLocaleString('en')} distinct invoices); overage lines: ${check.overage.toLocaleString('en')}; periods rolled: ${check.rolled.toLocaleString('en')} — exactly one invoice and one queued collection each: **${pass ? 'PASS' : 'FAIL'}**`,
      ...(drain
        ? [`- Collection (informative, not part of the goal): a sample of ${drain.sample.toLocaleString('en')} queued invoices collected as the job does (\`collectInvoice\`, 8 in flight, local test gateway) in ${drain.seconds.toFixed(1)} s = ${Math.round(drain.sample / drain.seconds).toLocaleString('en')} invoices/s (${drain.paid.toLocaleString('en')} paid); at that rate the whole queue drains in about ${Math.round(SUBSCRIPTIONS / (drain.sample / drain.seconds)).toLocaleString('en')} s of worker time.`]
        : []),
      `- Counts returned by the run: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
    ]);
    log(`wrote ${RESULTS}`);
    if (!pass) throw new Error(`month end did not produce exactly one invoice and one queued collection per subscription: ${JSON.stringify({ ...check, jobs })}`);
    return result;
  } finally {
    await stopQueue().catch(() => undefined);
    await closeDatabase().catch(() => undefined);
    await postgres.stop();
  }
}


if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runMonthEndBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
