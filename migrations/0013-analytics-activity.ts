import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Analytics activity by month (docs/analytics.md, "Performance"): one row per customer, calendar month and
 * tier, with a bit per day of the month, and one per project, analysis type and month. The admin reports
 * count distinct customers (active, WAU/MAU, churn, feature adoption, retention) and rank customers and
 * projects over arbitrary day ranges; from the day rows that is a scan of every customer-day of the range
 * (300,000 rows for 30 days at 10,000 daily customers), from these rows a scan of one or two rows per
 * customer and month: "active in the range" is `active_days & mask <> 0`, where mask has the bits of the
 * range's days in that month.
 *
 * A customer's tier can change within a month (the nightly job records each day's tier), so the key is
 * (month, user_id, tier): each row holds only the days the customer had that tier.
 *
 * The running totals make a sum over any days of the month two array reads: element i is the total over
 * the first i active days of the month (of that row), so the sum over the days of a mask is
 * running[popcount(active & through)] − running[popcount(active & before)].
 *
 * The rollups keep the tables (rollup.service.ts: every month a rollup touches is rebuilt from its day
 * rows; backfill.service.ts builds them beside them); here they are filled from the day rows already
 * rolled up.
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE TABLE analytics_monthly_user_activity (
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      tier text NOT NULL,
      -- bit d − 1 set: at least one event on day d of the month (in this tier)
      active_days integer NOT NULL,
      -- bit d − 1 set: on day d the customer created a project, a snippet, ran an analysis, downloaded an
      -- export, searched, opened a ticket, used a UI feature
      project_days integer NOT NULL DEFAULT 0,
      snippet_days integer NOT NULL DEFAULT 0,
      analysis_days integer NOT NULL DEFAULT 0,
      export_days integer NOT NULL DEFAULT 0,
      search_days integer NOT NULL DEFAULT 0,
      ticket_days integer NOT NULL DEFAULT 0,
      feature_days integer NOT NULL DEFAULT 0,
      -- element i: events / analyses run over the first i active days of the month, in day order
      events_running integer[] NOT NULL,
      analyses_running integer[] NOT NULL,
      PRIMARY KEY (month, user_id, tier)
    );
    -- A customer's months (retention cohorts; the cascade when a customer is deleted).
    CREATE INDEX analytics_monthly_user_activity_user_idx ON analytics_monthly_user_activity (user_id, month);
    -- No query filters on the running totals: no statistics for them (ANALYZE of arrays is costly).
    ALTER TABLE analytics_monthly_user_activity ALTER COLUMN events_running SET STATISTICS 0, ALTER COLUMN analyses_running SET STATISTICS 0;

    INSERT INTO analytics_monthly_user_activity (month, user_id, tier, active_days, project_days, snippet_days, analysis_days, export_days,
      search_days, ticket_days, feature_days, events_running, analyses_running)
    SELECT month, user_id, tier, bit_or(bit),
      bit_or(CASE WHEN projects_created > 0 THEN bit ELSE 0 END), bit_or(CASE WHEN snippets_created > 0 THEN bit ELSE 0 END),
      bit_or(CASE WHEN analyses_run > 0 THEN bit ELSE 0 END), bit_or(CASE WHEN exports > 0 THEN bit ELSE 0 END),
      bit_or(CASE WHEN searches > 0 THEN bit ELSE 0 END), bit_or(CASE WHEN tickets_created > 0 THEN bit ELSE 0 END),
      bit_or(CASE WHEN feature_uses > 0 THEN bit ELSE 0 END),
      array_agg(events_running ORDER BY day), array_agg(analyses_running ORDER BY day)
    FROM (
      SELECT date_trunc('month', day)::date AS month, day, user_id, tier, 1 << (extract(day FROM day)::int - 1) AS bit,
        projects_created, snippets_created, analyses_run, exports, searches, tickets_created, feature_uses,
        (sum(events) OVER w)::int AS events_running, (sum(analyses_run) OVER w)::int AS analyses_running
      FROM analytics_daily_users
      WINDOW w AS (PARTITION BY date_trunc('month', day), user_id, tier ORDER BY day)
    ) d
    GROUP BY month, user_id, tier;
    ANALYZE analytics_monthly_user_activity;

    -- The same for analytics_daily_projects: one row per project, analysis type (and owner at roll-up) and
    -- month, with running totals over its active days (top projects, quality by type and confidence).
    CREATE TABLE analytics_monthly_project_activity (
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      analysis_type text NOT NULL,
      active_days integer NOT NULL,
      analyses_running integer[] NOT NULL,
      completed_running integer[] NOT NULL,
      bugs_running integer[] NOT NULL,
      quality_running bigint[] NOT NULL,
      -- exact decimal sums (each day's float sum as numeric), so a difference of two is exactly the sum between
      confidence_running numeric[] NOT NULL,
      PRIMARY KEY (month, project_id, analysis_type, user_id)
    );
    CREATE INDEX analytics_monthly_project_activity_project_idx ON analytics_monthly_project_activity (project_id);
    CREATE INDEX analytics_monthly_project_activity_user_idx ON analytics_monthly_project_activity (user_id);
    ALTER TABLE analytics_monthly_project_activity ALTER COLUMN analyses_running SET STATISTICS 0, ALTER COLUMN completed_running SET STATISTICS 0,
      ALTER COLUMN bugs_running SET STATISTICS 0, ALTER COLUMN quality_running SET STATISTICS 0, ALTER COLUMN confidence_running SET STATISTICS 0;

    INSERT INTO analytics_monthly_project_activity (month, project_id, user_id, analysis_type, active_days, analyses_running, completed_running,
      bugs_running, quality_running, confidence_running)
    SELECT month, project_id, user_id, analysis_type, bit_or(1 << (extract(day FROM day)::int - 1)),
      array_agg(analyses_run ORDER BY day), array_agg(analyses_completed ORDER BY day), array_agg(bugs_found ORDER BY day),
      array_agg(quality_score_sum ORDER BY day), array_agg(confidence_sum ORDER BY day)
    FROM (
      SELECT date_trunc('month', day)::date AS month, day, project_id, user_id, analysis_type,
        (sum(analyses_run) OVER w)::int AS analyses_run, (sum(analyses_completed) OVER w)::int AS analyses_completed,
        (sum(bugs_found) OVER w)::int AS bugs_found, (sum(quality_score_sum) OVER w)::bigint AS quality_score_sum, sum(confidence_sum::numeric) OVER w AS confidence_sum
      FROM analytics_daily_projects
      WINDOW w AS (PARTITION BY date_trunc('month', day), project_id, user_id, analysis_type ORDER BY day)
    ) d
    GROUP BY month, project_id, user_id, analysis_type;
    ANALYZE analytics_monthly_project_activity;
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`DROP TABLE IF EXISTS analytics_monthly_project_activity, analytics_monthly_user_activity`);
};
