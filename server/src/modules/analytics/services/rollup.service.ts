import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { addDays, dayOf, monthsCovering, nextMonth } from '../days';
import { ensurePartitions } from '../partitions';
import { PROJECT_COUNTS, USER_COUNTS } from '../event-aggregates';
import { bumpRollupVersion } from '../report-cache';

export const ANALYTICS_ROLLUP_JOB = 'analytics.rollup';

/** Each customer's tier now: the live subscription's tier, Free without one. */
const CURRENT_TIER = `
  SELECT s.user_id, t.name AS tier, CASE WHEN s.status IN ('active', 'past_due') THEN t.monthly_price_cents ELSE 0 END AS mrr_cents
  FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id
  WHERE s.status <> 'cancelled'`;

const STAFF = `SELECT user_id FROM admin_users`;

async function run(t: Transaction, sql: string, replacements: Record<string, unknown>): Promise<void> {
  await db().query(sql, { replacements, transaction: t });
}

/** Columns of analytics_daily_users in the order USER_DAYS selects them. */
export const USER_DAY_COLUMNS = `day, user_id, tier, events, logins, projects_created, snippets_created, analyses_run,
  analyses_completed, bugs_found, quality_score_sum, confidence_sum, exports, searches, tickets_created, page_views, feature_uses`;

/**
 * The customer-days of the raw events in [:lo, :hi): one GROUP BY over the range (so a month costs one scan
 * of its partition), staff accounts and deleted users left out, each customer at their tier now.
 */
export const USER_DAYS = `
  SELECT ev.day, ev.user_id, coalesce(ct.tier, 'free'), ev.events, ev.logins, ev.projects_created, ev.snippets_created, ev.analyses_run,
    ev.analyses_completed, ev.bugs_found, ev.quality_score_sum, ev.confidence_sum, ev.exports, ev.searches, ev.tickets_created, ev.page_views, ev.feature_uses
  FROM (
    SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, user_id,
      ${USER_COUNTS}
    FROM analytics_events
    WHERE occurred_at >= :lo AND occurred_at < :hi AND user_id IS NOT NULL
    GROUP BY 1, 2
  ) ev
  JOIN users u ON u.id = ev.user_id
  LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = ev.user_id
  WHERE ev.user_id NOT IN (${STAFF})`;

/** Columns of analytics_daily_projects in the order PROJECT_DAYS selects them. */
export const PROJECT_DAY_COLUMNS = `day, project_id, user_id, analysis_type, analyses_run, analyses_completed, bugs_found, quality_score_sum, confidence_sum`;

/** Analyses per project, day and analysis type of the raw events in [:lo, :hi) (staff projects left out). */
export const PROJECT_DAYS = `
  SELECT ev.day, ev.project_id, p.owner_id, ev.analysis_type, ev.analyses_run, ev.analyses_completed, ev.bugs_found, ev.quality_score_sum, ev.confidence_sum
  FROM (
    SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, project_id, coalesce(properties->>'analysisType', 'unknown') AS analysis_type,
      ${PROJECT_COUNTS}
    FROM analytics_events
    WHERE occurred_at >= :lo AND occurred_at < :hi AND project_id IS NOT NULL AND event_type IN ('analysis_run', 'analysis_completed')
    GROUP BY 1, 2, 3
  ) ev
  JOIN projects p ON p.id = ev.project_id
  WHERE p.owner_id NOT IN (${STAFF})`;

/** The bounds of the UTC days [from, to) as the replacements USER_DAYS and PROJECT_DAYS read. */
export function dayBounds(from: string, to: string) {
  return { from, to, lo: `${from}T00:00:00Z`, hi: `${to}T00:00:00Z` };
}

/**
 * Rolls the raw events of the UTC days [from, to) up into analytics_daily_users and
 * analytics_daily_projects (replacing those days, so re-runs are idempotent): the nightly job's few days.
 * A backfill of months builds fresh tables instead (backfill.service.ts).
 */
export async function rollupEvents(t: Transaction, from: string, to: string): Promise<void> {
  const r = dayBounds(from, to);
  await run(t, `DELETE FROM analytics_daily_users WHERE day >= :from AND day < :to`, r);
  await run(t, `INSERT INTO analytics_daily_users (${USER_DAY_COLUMNS}) ${USER_DAYS}`, r);
  await run(t, `DELETE FROM analytics_daily_projects WHERE day >= :from AND day < :to`, r);
  await run(t, `INSERT INTO analytics_daily_projects (${PROJECT_DAY_COLUMNS}) ${PROJECT_DAYS}`, r);
}

/** Columns of analytics_monthly_user_activity in the order monthlyActivity() selects them. */
export const MONTHLY_ACTIVITY_COLUMNS = `month, user_id, tier, active_days, project_days, snippet_days, analysis_days, export_days, search_days,
  ticket_days, feature_days, events_running, analyses_running`;

/**
 * The activity rows (migration 0013) of the month starting :month from the customer-days of [:from, :to)
 * (that month, or part of it) in `source`: per customer and tier, a bit per active day and per feature used, and the
 * running totals of events and analyses over the active days in day order. The window and the ordered
 * aggregates share one sort by customer, tier and day.
 */
export function monthlyActivity(source: string): string {
  const days = (column: string) => `bit_or(CASE WHEN ${column} > 0 THEN bit ELSE 0 END)`;
  return `
  SELECT CAST(:month AS date), user_id, tier, bit_or(bit), ${days('projects_created')}, ${days('snippets_created')}, ${days('analyses_run')},
    ${days('exports')}, ${days('searches')}, ${days('tickets_created')}, ${days('feature_uses')},
    array_agg(events_running ORDER BY day), array_agg(analyses_running ORDER BY day)
  FROM (
    SELECT user_id, tier, day, 1 << (day - CAST(:month AS date)) AS bit, projects_created, snippets_created, analyses_run, exports, searches,
      tickets_created, feature_uses, (sum(events) OVER w)::int AS events_running, (sum(analyses_run) OVER w)::int AS analyses_running
    FROM ${source} WHERE day >= :from AND day < :to
    WINDOW w AS (PARTITION BY user_id, tier ORDER BY day)
  ) d
  GROUP BY user_id, tier`;
}

/** Columns of analytics_monthly_project_activity in the order monthlyProjectActivity() selects them. */
export const MONTHLY_PROJECT_COLUMNS = `month, project_id, user_id, analysis_type, active_days, analyses_running, completed_running, bugs_running,
  quality_running, confidence_running`;

/**
 * As monthlyActivity, for the project-days in `source`: per project, owner and analysis type, the running
 * totals of its analyses. Confidence runs as an exact decimal: the difference of two running totals is then
 * exactly the sum of the days between (a float difference can land on the other side of a rounding).
 */
export function monthlyProjectActivity(source: string): string {
  return `
  SELECT CAST(:month AS date), project_id, user_id, analysis_type, bit_or(1 << (day - CAST(:month AS date))),
    array_agg(analyses_run ORDER BY day), array_agg(analyses_completed ORDER BY day), array_agg(bugs_found ORDER BY day),
    array_agg(quality_score_sum ORDER BY day), array_agg(confidence_sum ORDER BY day)
  FROM (
    SELECT project_id, user_id, analysis_type, day, (sum(analyses_run) OVER w)::int AS analyses_run, (sum(analyses_completed) OVER w)::int AS analyses_completed,
      (sum(bugs_found) OVER w)::int AS bugs_found, (sum(quality_score_sum) OVER w)::bigint AS quality_score_sum, sum(confidence_sum::numeric) OVER w AS confidence_sum
    FROM ${source} WHERE day >= :from AND day < :to
    WINDOW w AS (PARTITION BY project_id, user_id, analysis_type ORDER BY day)
  ) d
  GROUP BY project_id, user_id, analysis_type`;
}

/**
 * Rebuilds the monthly activity rows of every month touching [from, to) from its customer-days and
 * project-days (the days outside [from, to) of those months included, so the rows always equal their
 * month's days).
 */
export async function rollupMonthlyActivity(t: Transaction, from: string, to: string): Promise<void> {
  for (const month of monthsCovering(from, to)) {
    const r = { month, from: month, to: nextMonth(month) };
    await run(t, `DELETE FROM analytics_monthly_user_activity WHERE month = :month`, r);
    await run(t, `INSERT INTO analytics_monthly_user_activity (${MONTHLY_ACTIVITY_COLUMNS}) ${monthlyActivity('analytics_daily_users')}`, r);
    await run(t, `DELETE FROM analytics_monthly_project_activity WHERE month = :month`, r);
    await run(t, `INSERT INTO analytics_monthly_project_activity (${MONTHLY_PROJECT_COLUMNS}) ${monthlyProjectActivity('analytics_daily_projects')}`, r);
  }
}

/**
 * Records each paying customer's MRR at the end of `day` from the live subscriptions (the nightly job runs
 * just after midnight, so "now" is the end of the day before). Replaces that day's snapshot and marks it
 * observed, so the backfill never rewrites it.
 */
export async function snapshotMrr(t: Transaction, day: string): Promise<void> {
  await run(t, `DELETE FROM analytics_mrr_daily WHERE day = :day`, { day });
  await run(
    t,
    `INSERT INTO analytics_mrr_daily (day, user_id, tier, mrr_cents, reconstructed)
     SELECT :day, ct.user_id, ct.tier, ct.mrr_cents, false FROM (${CURRENT_TIER}) ct
     WHERE ct.mrr_cents > 0 AND ct.user_id NOT IN (${STAFF})`,
    { day },
  );
  await run(t, `INSERT INTO analytics_mrr_snapshots (day, taken_at) VALUES (:day, :now) ON CONFLICT (day) DO UPDATE SET taken_at = EXCLUDED.taken_at`, { day, now: clock.now().toISOString() });
}

export const MRR_DAY_COLUMNS = `day, user_id, tier, mrr_cents, reconstructed`;

/**
 * Each paying customer's MRR on the days of [:from, :to) that the nightly job did not observe (history from
 * before it ran), from the subscription rows: a subscription counts from its creation until it is cancelled
 * at the price of its current tier (so plan changes before the first observed night are not seen). Where a
 * cancelled subscription and its successor overlap, the newer one counts.
 */
export const RECONSTRUCTED_MRR = `
  SELECT DISTINCT ON (d.day, s.user_id) d.day::date, s.user_id, t.name, t.monthly_price_cents, true
  FROM generate_series(CAST(:from AS date), CAST(:to AS date) - 1, interval '1 day') d(day)
  JOIN subscriptions s ON (s.created_at AT TIME ZONE 'UTC')::date <= d.day::date
    AND (s.cancelled_at IS NULL OR (s.cancelled_at AT TIME ZONE 'UTC')::date > d.day::date)
    AND s.status <> 'trial'
  JOIN subscription_tiers t ON t.id = s.tier_id AND t.monthly_price_cents > 0
  WHERE s.user_id NOT IN (${STAFF}) AND d.day::date NOT IN (SELECT day FROM analytics_mrr_snapshots)
  ORDER BY d.day, s.user_id, s.created_at DESC`;

/** Fills the MRR snapshots of the days of [from, to) that the nightly job did not observe (RECONSTRUCTED_MRR). */
export async function reconstructMrr(t: Transaction, from: string, to: string): Promise<void> {
  await run(
    t,
    `DELETE FROM analytics_mrr_daily WHERE day >= :from AND day < :to AND reconstructed AND day NOT IN (SELECT day FROM analytics_mrr_snapshots)`,
    { from, to },
  );
  await run(t, `INSERT INTO analytics_mrr_daily (${MRR_DAY_COLUMNS}) ${RECONSTRUCTED_MRR} ON CONFLICT (day, user_id) DO NOTHING`, { from, to });
}

/**
 * Per UTC day of [from, to) and tier (and '*' for all): the MRR balance, paying customers, live
 * subscriptions and the day's movements against the day before, classified as in calculators.ts
 * (new, expansion, contraction, churned). Per tier, only MRR in that tier counts, so a move between tiers
 * is churn from one and new MRR in the other; across all tiers it is expansion or contraction.
 */
export async function rollupMrr(t: Transaction, from: string, to: string, src: RollupSources = {}): Promise<void> {
  const r = { from, to, start: addDays(from, -1) };
  await run(t, `DELETE FROM analytics_daily_mrr WHERE day >= :from AND day < :to`, r);
  await run(
    t,
    `WITH m AS (SELECT day, user_id, tier, mrr_cents FROM ${src.mrr ?? 'analytics_mrr_daily'} WHERE day >= :start AND day < :to),
     -- each snapshot beside the customer's previous and next ones (one sort by customer and day)
     w AS (
       SELECT day, user_id, tier, mrr_cents, lag(day) OVER u AS pday, lag(tier) OVER u AS ptier, lag(mrr_cents) OVER u AS pmrr, lead(day) OVER u AS nday
       FROM m WINDOW u AS (PARTITION BY user_id ORDER BY day)
     ),
     -- (day, tier and MRR the day before, tier and MRR that day) wherever they differ: a day with a snapshot
     -- against the day before (none then: new), and the day after a customer's last snapshot of a run (churn)
     pairs AS (
       SELECT day, ptier, prev, ctier, cur FROM (
         SELECT day, CASE WHEN pday = day - 1 THEN ptier END AS ptier, CASE WHEN pday = day - 1 THEN pmrr ELSE 0 END AS prev, tier AS ctier, mrr_cents AS cur
         FROM w WHERE day >= :from
         UNION ALL
         SELECT day + 1, tier, mrr_cents, NULL, 0 FROM w WHERE day < CAST(:to AS date) - 1 AND (nday IS NULL OR nday <> day + 1)
       ) d
       WHERE prev <> cur OR ptier IS DISTINCT FROM ctier
     ),
     x AS (
       SELECT pairs.day, v.tier, v.prev, v.cur FROM pairs
       CROSS JOIN LATERAL (VALUES ('*', prev, cur),
                                  (ptier, prev, CASE WHEN ctier = ptier THEN cur ELSE 0 END),
                                  (CASE WHEN ctier IS DISTINCT FROM ptier THEN ctier END, 0, cur)) AS v(tier, prev, cur)
       WHERE v.tier IS NOT NULL AND v.prev <> v.cur
     ),
     mv AS (
       SELECT day, tier,
         coalesce(sum(cur) FILTER (WHERE prev = 0), 0) AS new_cents,
         coalesce(sum(cur - prev) FILTER (WHERE prev > 0 AND cur > prev), 0) AS expansion_cents,
         coalesce(sum(prev - cur) FILTER (WHERE cur > 0 AND cur < prev), 0) AS contraction_cents,
         coalesce(sum(prev) FILTER (WHERE cur = 0), 0) AS churned_cents,
         count(*) FILTER (WHERE prev = 0) AS new_customers,
         count(*) FILTER (WHERE cur = 0) AS churned_customers
       FROM x GROUP BY 1, 2
     ),
     bal AS (
       SELECT day, tier, sum(mrr_cents) AS mrr, count(*) AS paying FROM m WHERE day >= :from GROUP BY 1, 2
       UNION ALL
       SELECT day, '*', sum(mrr_cents), count(*) FROM m WHERE day >= :from GROUP BY 1
     ),
     days AS (SELECT d.day::date AS day FROM generate_series(CAST(:from AS date), CAST(:to AS date) - 1, interval '1 day') d(day)),
     -- live subscriptions per day: +1 on each subscription's first day, -1 on the day it no longer counts
     -- (a cancelled one without a cancellation date never counted), summed up to each day
     iv AS (
       SELECT (s.created_at AT TIME ZONE 'UTC')::date AS lo,
         CASE WHEN s.status <> 'cancelled' THEN NULL
              ELSE greatest(coalesce((s.cancelled_at AT TIME ZONE 'UTC')::date, (s.created_at AT TIME ZONE 'UTC')::date), (s.created_at AT TIME ZONE 'UTC')::date) END AS hi
       FROM subscriptions s WHERE s.user_id NOT IN (${STAFF})
     ),
     steps AS (SELECT day, sum(n) AS n FROM (SELECT lo AS day, 1 AS n FROM iv UNION ALL SELECT hi, -1 FROM iv WHERE hi IS NOT NULL) x GROUP BY day),
     subs AS (SELECT days.day, (SELECT coalesce(sum(steps.n), 0) FROM steps WHERE steps.day <= days.day) AS n FROM days),
     tiers AS (SELECT name AS tier FROM subscription_tiers UNION ALL SELECT '*')
     INSERT INTO analytics_daily_mrr (day, tier, mrr_cents, paying, subscribers, new_cents, expansion_cents, contraction_cents, churned_cents, new_customers, churned_customers)
     SELECT days.day, tiers.tier, coalesce(b.mrr, 0), coalesce(b.paying, 0),
       -- live subscriptions: paid tiers count their paying customers, Free the rest
       CASE WHEN tiers.tier = '*' THEN subs.n WHEN tiers.tier = 'free' THEN greatest(subs.n - coalesce(allb.paying, 0), 0) ELSE coalesce(b.paying, 0) END,
       coalesce(mv.new_cents, 0), coalesce(mv.expansion_cents, 0), coalesce(mv.contraction_cents, 0), coalesce(mv.churned_cents, 0),
       coalesce(mv.new_customers, 0), coalesce(mv.churned_customers, 0)
     FROM days CROSS JOIN tiers
     JOIN subs ON subs.day = days.day
     LEFT JOIN bal b ON b.day = days.day AND b.tier = tiers.tier
     LEFT JOIN bal allb ON allb.day = days.day AND allb.tier = '*'
     LEFT JOIN mv ON mv.day = days.day AND mv.tier = tiers.tier`,
    r,
  );
}

/** Where the later steps read customer-days, project-days and MRR snapshots: a backfill reads its new tables before it swaps them in. */
export interface RollupSources {
  users?: string;
  projects?: string;
  mrr?: string;
}

/**
 * Rolls the per-customer rows, signups and invoices of [from, to) up into one row per day
 * and tier (every tier gets a row, zeros included). Invoiced revenue counts invoices by issue date (not
 * draft or void), paid revenue by payment date; both are attributed to the customer's tier now.
 */
export async function rollupPlatform(t: Transaction, from: string, to: string, src: RollupSources = {}): Promise<void> {
  const r = { from, to, lo: `${from}T00:00:00Z`, hi: `${to}T00:00:00Z` };
  await run(t, `DELETE FROM analytics_daily_platform WHERE day >= :from AND day < :to`, r);
  await run(
    t,
    `INSERT INTO analytics_daily_platform (day, tier, signups, active_users, events, projects_created, analyses_run, analyses_completed,
       bugs_found, quality_score_sum, invoiced_cents, paid_cents)
     SELECT d.day::date, tr.name, coalesce(su.n, 0), coalesce(a.active_users, 0), coalesce(a.events, 0), coalesce(a.projects_created, 0),
       coalesce(a.analyses_run, 0), coalesce(a.analyses_completed, 0), coalesce(a.bugs_found, 0), coalesce(a.quality_score_sum, 0),
       coalesce(inv.cents, 0), coalesce(paid.cents, 0)
     FROM generate_series(CAST(:from AS date), CAST(:to AS date) - 1, interval '1 day') d(day)
     CROSS JOIN subscription_tiers tr
     LEFT JOIN (
       SELECT day, tier, count(*) AS active_users, sum(events) AS events, sum(projects_created) AS projects_created, sum(analyses_run) AS analyses_run,
         sum(analyses_completed) AS analyses_completed, sum(bugs_found) AS bugs_found, sum(quality_score_sum) AS quality_score_sum
       FROM ${src.users ?? 'analytics_daily_users'} WHERE day >= :from AND day < :to GROUP BY 1, 2
     ) a ON a.day = d.day::date AND a.tier = tr.name
     LEFT JOIN (
       SELECT (u.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(ct.tier, 'free') AS tier, count(*) AS n
       FROM users u LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = u.id
       WHERE u.created_at >= :lo AND u.created_at < :hi AND u.id NOT IN (${STAFF}) GROUP BY 1, 2
     ) su ON su.day = d.day::date AND su.tier = tr.name
     LEFT JOIN (
       SELECT (i.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(ct.tier, 'free') AS tier, sum(i.total_cents) AS cents
       FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = s.user_id
       WHERE i.created_at >= :lo AND i.created_at < :hi AND i.status NOT IN ('draft', 'void') GROUP BY 1, 2
     ) inv ON inv.day = d.day::date AND inv.tier = tr.name
     LEFT JOIN (
       SELECT (i.paid_at AT TIME ZONE 'UTC')::date AS day, coalesce(ct.tier, 'free') AS tier, sum(i.total_cents) AS cents
       FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = s.user_id
       WHERE i.paid_at >= :lo AND i.paid_at < :hi AND i.status IN ('paid', 'refunded') GROUP BY 1, 2
     ) paid ON paid.day = d.day::date AND paid.tier = tr.name`,
    r,
  );
}

/**
 * Refreshes the plan's ProjectMetrics and UserDashboardMetrics (all-time totals) from the daily rollups
 * and the current state of projects: cheap, because it reads rollups, never raw events.
 */
export async function refreshMetrics(t: Transaction, src: RollupSources = {}): Promise<void> {
  const now = clock.now().toISOString();
  // Totals stop at yesterday: a customer's "today" is added live from raw events, never counted twice.
  const today = dayOf(clock.now());
  await run(
    t,
    `INSERT INTO project_metrics (project_id, owner_id, total_analyses, total_bugs_found, avg_quality_score, avg_confidence, completion_percentage, last_analysis_at, created_at, updated_at)
     SELECT p.id, p.owner_id, coalesce(sum(dp.analyses_run), 0), coalesce(sum(dp.bugs_found), 0),
       coalesce(sum(dp.quality_score_sum)::float8 / nullif(sum(dp.analyses_completed), 0), 0),
       coalesce(sum(dp.confidence_sum) / nullif(sum(dp.analyses_completed), 0), 0),
       p.completion_percentage,
       (max(dp.day) FILTER (WHERE dp.analyses_completed > 0))::timestamp AT TIME ZONE 'UTC', :now, :now
     FROM projects p LEFT JOIN ${src.projects ?? 'analytics_daily_projects'} dp ON dp.project_id = p.id AND dp.day < :today
     GROUP BY p.id
     ON CONFLICT (project_id) DO UPDATE SET total_analyses = EXCLUDED.total_analyses, total_bugs_found = EXCLUDED.total_bugs_found,
       avg_quality_score = EXCLUDED.avg_quality_score, avg_confidence = EXCLUDED.avg_confidence,
       completion_percentage = EXCLUDED.completion_percentage, last_analysis_at = EXCLUDED.last_analysis_at, updated_at = EXCLUDED.updated_at`,
    { now, today },
  );
  await run(
    t,
    `INSERT INTO user_dashboard_metrics (user_id, total_projects, total_analyses, projects_completed, active_projects, ai_interactions, last_activity, created_at, updated_at)
     SELECT u.id, coalesce(p.total, 0), coalesce(a.analyses_run, 0), coalesce(p.completed, 0), coalesce(p.active, 0), coalesce(a.analyses_completed, 0),
       a.last_day::timestamp AT TIME ZONE 'UTC', :now, :now
     FROM users u
     LEFT JOIN (SELECT owner_id, count(*) AS total, count(*) FILTER (WHERE status = 'completed') AS completed, count(*) FILTER (WHERE status = 'active') AS active FROM projects GROUP BY 1) p ON p.owner_id = u.id
     LEFT JOIN (SELECT user_id, sum(analyses_run) AS analyses_run, sum(analyses_completed) AS analyses_completed, max(day) AS last_day FROM ${src.users ?? 'analytics_daily_users'} WHERE day < :today GROUP BY 1) a ON a.user_id = u.id
     WHERE u.id NOT IN (${STAFF})
     ON CONFLICT (user_id) DO UPDATE SET total_projects = EXCLUDED.total_projects, total_analyses = EXCLUDED.total_analyses,
       projects_completed = EXCLUDED.projects_completed, active_projects = EXCLUDED.active_projects, ai_interactions = EXCLUDED.ai_interactions,
       last_activity = EXCLUDED.last_activity, updated_at = EXCLUDED.updated_at`,
    { now, today },
  );
}

export interface RollupResult {
  from: string;
  to: string;
  days: number;
}

/** Every rollup of the UTC days [from, to) inside the caller's transaction (the demo seeder uses it before committing). */
export async function rebuildRollups(t: Transaction, from: string, to: string, opts: { metrics?: boolean } = {}): Promise<void> {
  // One rollup at a time: the nightly job and a manual backfill must not interleave their deletes.
  await db().query(`SELECT pg_advisory_xact_lock(7316009)`, { transaction: t });
  const steps: Array<[string, () => Promise<void>]> = [
    ['events', () => rollupEvents(t, from, to)],
    ['monthly activity', () => rollupMonthlyActivity(t, from, to)],
    ['mrr snapshots', () => reconstructMrr(t, from, to)],
    ['mrr movements', () => rollupMrr(t, from, to)],
    ['platform', () => rollupPlatform(t, from, to)],
    ...(opts.metrics === false ? [] : ([['metrics', () => refreshMetrics(t)]] as Array<[string, () => Promise<void>]>)),
  ];
  for (const [name, step] of steps) {
    const started = performance.now();
    await step();
    logger.debug({ from, to, step: name, ms: Math.round(performance.now() - started) }, 'analytics: rollup step');
  }
  await bumpRollupVersion(t);
}

/** Rolls up the UTC days [from, to): events, MRR gaps, platform rows and the all-time metrics. */
export async function rollupRange(from: string, to: string, opts: { metrics?: boolean } = {}): Promise<RollupResult> {
  await db().transaction((t) => rebuildRollups(t, from, to, opts));
  const [row] = await db().query<{ days: number }>(`SELECT CAST(:to AS date) - CAST(:from AS date) AS days`, { replacements: { from, to }, type: QueryTypes.SELECT });
  return { from, to, days: row.days };
}

/**
 * The nightly job (00:10 UTC): partitions for the months ahead, the MRR snapshot of the day that just
 * ended, then the rollup of that day and the one before (late events of yesterday's last minutes).
 */
export async function runDailyRollup(): Promise<RollupResult> {
  await ensurePartitions({ monthsAhead: 3 });
  const today = dayOf(clock.now());
  const yesterday = addDays(today, -1);
  await db().transaction((t) => snapshotMrr(t, yesterday));
  const result = await rollupRange(addDays(today, -2), today);
  logger.info(result, 'analytics: daily rollup');
  return result;
}
