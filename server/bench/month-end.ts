/**
 * Month-end benchmark: the billing month-end run (runMonthEnd) over BENCH_SUBSCRIPTIONS subscriptions
 * (default 100,000) whose period has just ended, each with a working test card on the local gateway.
 * Goal: under 60 s, and exactly one regular invoice per subscription (asserted; a miss fails the run).
 *
 * Runs alone (`BENCH_ONLY=month-end npm run bench`, or `node --import tsx bench/month-end.ts`) or after the
 * users-list benchmark from bench/run.ts. Its own embedded PostgreSQL lives in BENCH_MONTH_END_DIR
 * (default server/bench/.scale/month-end, git-ignored) on BENCH_MONTH_END_PG_PORT (54340); the dataset is rebuilt every run
 * (generate_series, a few seconds per 100,000). Writes its section of RESULTS.md between markers, so the
 * users-list section stays.
 *
 * Dataset: 80% Professional, 20% Enterprise; one in five went over its analyses limit by 100 (an overage
 * line); the tax rate is 8.25%; every account has the 4242 test card as its default, so each invoice is
 * charged through the local gateway (its payments table) like test mode does. Webhook events of the local
 * gateway are not delivered (no job queue here): what is measured is the ledger run and its collection.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.LOG_LEVEL = 'silent';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const int = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return n;
};

const GOAL_SECONDS = 60;
const START = '<!-- month-end:start -->';
const END = '<!-- month-end:end -->';
const log = (s: string) => console.log(`[bench month-end ${new Date().toISOString().slice(11, 19)}] ${s}`);

export interface MonthEndBenchResult {
  subscriptions: number;
  seconds: number;
  seedSeconds: number;
  counts: Record<string, number>;
  invoices: number;
  subscriptionsWithOneInvoice: number;
  paid: number;
  concurrency: number;
  pass: boolean;
}

/** Seeds, runs month end once, checks one invoice each, writes the RESULTS.md section. Throws when the invoices are wrong. */
export async function runMonthEndBench(): Promise<MonthEndBenchResult> {
  const SUBSCRIPTIONS = int('BENCH_SUBSCRIPTIONS', 100_000);
  const DIR = path.resolve(env.BENCH_MONTH_END_DIR || path.join(HERE, '.scale', 'month-end'));
  const PG_PORT = int('BENCH_MONTH_END_PG_PORT', 54340);
  const CONCURRENCY = int('BENCH_MONTH_END_CONCURRENCY', 8);
  const RESULTS = path.resolve(env.BENCH_RESULTS || path.join(HERE, 'RESULTS.md'));

  const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres');
  const { closeDatabase, connectDatabase, db } = await import('../src/db/sequelize');
  const { migrateUp } = await import('../src/db/migrator');
  const { createPaymentGateway } = await import('../src/modules/billing/gateways');
  const { SqlLocalGatewayStore } = await import('../src/modules/billing/gateways/sql-local-gateway-store');
  const { runMonthEnd } = await import('../src/modules/billing/services/run-month-end.service');

  fs.mkdirSync(DIR, { recursive: true });
  log(`PostgreSQL in ${DIR} on port ${PG_PORT}`);
  const postgres = await startEmbeddedPostgres({ dir: path.join(DIR, 'postgres'), port: PG_PORT, database: 'socrates_month_end' });
  try {
    // One connection per worker, plus one for the reads between transactions.
    const sequelize = await connectDatabase(postgres.url, { poolMax: CONCURRENCY + 2 });
    await migrateUp(sequelize, { quiet: true });
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
    log(`running month end (concurrency ${CONCURRENCY})…`);
    const started = performance.now();
    const counts = await runMonthEnd(gateway, { now: new Date('2027-03-01T01:00:00Z'), concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;
    const loadAfter = os.loadavg();
    log(`month end: ${seconds.toFixed(1)} s ${JSON.stringify(counts)}`);

    // --- checks: exactly one regular invoice per subscription, all paid, all rolled over ------------------
    const [check] = await q<{ invoices: number; subs_one: number; paid: number; rolled: number; charges: number; overage: number }>(
      `SELECT (SELECT count(*)::int FROM invoices WHERE kind = 'regular') AS invoices,
              (SELECT count(*)::int FROM (SELECT subscription_id FROM invoices WHERE kind = 'regular' GROUP BY subscription_id HAVING count(*) = 1) x) AS subs_one,
              (SELECT count(*)::int FROM invoices WHERE kind = 'regular' AND status = 'paid') AS paid,
              (SELECT count(*)::int FROM subscriptions WHERE current_period_start = '2027-03-01T00:00:00Z') AS rolled,
              (SELECT count(*)::int FROM local_gateway_payments) AS charges,
              (SELECT count(*)::int FROM invoice_items WHERE item_type = 'overage') AS overage`,
    );
    const pass = check.invoices === SUBSCRIPTIONS && check.subs_one === SUBSCRIPTIONS && check.rolled === SUBSCRIPTIONS && check.charges === SUBSCRIPTIONS;
    const result: MonthEndBenchResult = {
      subscriptions: SUBSCRIPTIONS, seconds, seedSeconds, counts: { ...counts }, invoices: check.invoices,
      subscriptionsWithOneInvoice: check.subs_one, paid: check.paid, concurrency: CONCURRENCY, pass,
    };
    writeSection(RESULTS, [
      `## Month end over ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions`,
      '',
      `Generated by \`BENCH_ONLY=month-end npm run bench\` (server/bench/month-end.ts) on ${new Date().toISOString()}; ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, load average ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after.`,
      '',
      `- Dataset: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions whose period ended (80% Professional, 20% Enterprise, one in five over its analyses limit), the 4242 test card on every account, tax 8.25%; seeded in ${seedSeconds.toFixed(1)} s.`,
      `- Run: \`runMonthEnd\` at 2027-03-01T01:00Z with ${CONCURRENCY} subscriptions in flight (one transaction each, then collection through the local test gateway).`,
      `- **${seconds.toFixed(1)} s** (${Math.round(SUBSCRIPTIONS / seconds).toLocaleString('en')} subscriptions/s) — goal < ${GOAL_SECONDS} s: **${seconds < GOAL_SECONDS ? 'PASS' : 'FAIL'}**`,
      `- Regular invoices: ${check.invoices.toLocaleString('en')}; subscriptions with exactly one: ${check.subs_one.toLocaleString('en')}; paid: ${check.paid.toLocaleString('en')}; charges at the gateway: ${check.charges.toLocaleString('en')}; overage lines: ${check.overage.toLocaleString('en')}; periods rolled: ${check.rolled.toLocaleString('en')} — exactly one invoice each: **${pass ? 'PASS' : 'FAIL'}**`,
      `- Counts returned by the run: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
    ]);
    log(`wrote ${RESULTS}`);
    if (!pass) throw new Error(`month end did not produce exactly one paid-for invoice per subscription: ${JSON.stringify(check)}`);
    return result;
  } finally {
    await closeDatabase().catch(() => undefined);
    await postgres.stop();
  }
}

/** Replaces (or appends) this benchmark's section of RESULTS.md. */
function writeSection(file: string, lines: string[]): void {
  const section = [START, ...lines, END].join('\n');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
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
