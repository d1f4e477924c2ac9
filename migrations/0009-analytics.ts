import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Analytics (docs/analytics.md): the raw event log, partitioned by month on occurred_at, and the rollups
 * the dashboards read. The event log has no primary key and no foreign keys on purpose: it is append-only,
 * written at tens of thousands of rows a second, and keeps events of deleted accounts (the rollups join
 * users, so those drop out of every figure).
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE TABLE analytics_events (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid,
      project_id uuid,
      event_type text NOT NULL,
      source text NOT NULL DEFAULT 'server' CHECK (source IN ('server', 'ui')),
      properties jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT now()
    ) PARTITION BY RANGE (occurred_at);
    -- A customer's own events (live "today", activity feed); the rollups scan whole monthly partitions.
    CREATE INDEX analytics_events_user_time_idx ON analytics_events (user_id, occurred_at);
    CREATE INDEX analytics_events_time_brin ON analytics_events USING brin (occurred_at);
    -- Rows for months with no partition yet (old backfills, clock jumps) land here and are moved out
    -- when their month's partition is created.
    CREATE TABLE analytics_events_default PARTITION OF analytics_events DEFAULT;

    -- Creates the partition of the month starting at month_start (a first of month) unless it exists,
    -- moving that month's rows out of the default partition first (ATTACH would refuse otherwise).
    CREATE FUNCTION analytics_ensure_partition(month_start date) RETURNS boolean LANGUAGE plpgsql AS $fn$
    DECLARE
      part text := format('analytics_events_%s', to_char(month_start, 'YYYY_MM'));
      lo timestamptz := date_trunc('month', month_start)::timestamp AT TIME ZONE 'UTC';
      hi timestamptz := (date_trunc('month', month_start) + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    BEGIN
      IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
      EXECUTE format('CREATE TABLE %I (LIKE analytics_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
      EXECUTE format('WITH moved AS (DELETE FROM analytics_events_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', lo, hi, part);
      EXECUTE format('ALTER TABLE analytics_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
      RETURN true;
    END
    $fn$;
    SELECT analytics_ensure_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => m))::date)
    FROM generate_series(-12, 3) AS m;

    -- One row per customer and UTC day with any event: the base of every activity figure.
    CREATE TABLE analytics_daily_users (
      day date NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      tier text NOT NULL,
      events integer NOT NULL DEFAULT 0,
      logins integer NOT NULL DEFAULT 0,
      projects_created integer NOT NULL DEFAULT 0,
      snippets_created integer NOT NULL DEFAULT 0,
      analyses_run integer NOT NULL DEFAULT 0,
      analyses_completed integer NOT NULL DEFAULT 0,
      bugs_found integer NOT NULL DEFAULT 0,
      quality_score_sum bigint NOT NULL DEFAULT 0,
      confidence_sum double precision NOT NULL DEFAULT 0,
      exports integer NOT NULL DEFAULT 0,
      searches integer NOT NULL DEFAULT 0,
      tickets_created integer NOT NULL DEFAULT 0,
      page_views integer NOT NULL DEFAULT 0,
      feature_uses integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, user_id)
    );
    CREATE INDEX analytics_daily_users_user_idx ON analytics_daily_users (user_id, day);

    -- Analyses per project, UTC day and analysis type.
    CREATE TABLE analytics_daily_projects (
      day date NOT NULL,
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      analysis_type text NOT NULL,
      analyses_run integer NOT NULL DEFAULT 0,
      analyses_completed integer NOT NULL DEFAULT 0,
      bugs_found integer NOT NULL DEFAULT 0,
      quality_score_sum bigint NOT NULL DEFAULT 0,
      confidence_sum double precision NOT NULL DEFAULT 0,
      PRIMARY KEY (day, project_id, analysis_type)
    );
    CREATE INDEX analytics_daily_projects_user_idx ON analytics_daily_projects (user_id, day);
    CREATE INDEX analytics_daily_projects_project_idx ON analytics_daily_projects (project_id, day);

    -- Each paying customer's monthly recurring revenue at the end of each UTC day (the nightly snapshot;
    -- customers without MRR have no row).
    CREATE TABLE analytics_mrr_daily (
      day date NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      tier text NOT NULL,
      mrr_cents bigint NOT NULL CHECK (mrr_cents > 0),
      reconstructed boolean NOT NULL DEFAULT false,
      PRIMARY KEY (day, user_id)
    );
    COMMENT ON COLUMN analytics_mrr_daily.reconstructed IS 'true: written by the backfill from subscription rows, not observed by the nightly job';
    -- Days whose snapshot the nightly job observed (the backfill never overwrites them).
    CREATE TABLE analytics_mrr_snapshots (
      day date PRIMARY KEY,
      taken_at timestamptz NOT NULL
    );
    -- MRR balance and movements per UTC day and tier ('*' = all tiers; per tier, a move to another tier is
    -- churn from this one and new MRR in the other).
    CREATE TABLE analytics_daily_mrr (
      day date NOT NULL,
      tier text NOT NULL,
      mrr_cents bigint NOT NULL DEFAULT 0,
      paying integer NOT NULL DEFAULT 0,
      subscribers integer NOT NULL DEFAULT 0,
      new_cents bigint NOT NULL DEFAULT 0,
      expansion_cents bigint NOT NULL DEFAULT 0,
      contraction_cents bigint NOT NULL DEFAULT 0,
      churned_cents bigint NOT NULL DEFAULT 0,
      new_customers integer NOT NULL DEFAULT 0,
      churned_customers integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, tier)
    );

    -- Platform figures per UTC day and tier (every tier has a row every rolled-up day).
    CREATE TABLE analytics_daily_platform (
      day date NOT NULL,
      tier text NOT NULL,
      signups integer NOT NULL DEFAULT 0,
      active_users integer NOT NULL DEFAULT 0,
      events integer NOT NULL DEFAULT 0,
      projects_created integer NOT NULL DEFAULT 0,
      analyses_run integer NOT NULL DEFAULT 0,
      analyses_completed integer NOT NULL DEFAULT 0,
      bugs_found integer NOT NULL DEFAULT 0,
      quality_score_sum bigint NOT NULL DEFAULT 0,
      invoiced_cents bigint NOT NULL DEFAULT 0,
      paid_cents bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (day, tier)
    );

    -- The plan's ProjectMetrics and UserDashboardMetrics: all-time totals, refreshed by the same job.
    CREATE TABLE project_metrics (
      project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      total_analyses integer NOT NULL DEFAULT 0,
      total_bugs_found integer NOT NULL DEFAULT 0,
      avg_quality_score double precision NOT NULL DEFAULT 0,
      avg_confidence double precision NOT NULL DEFAULT 0,
      completion_percentage integer NOT NULL DEFAULT 0,
      last_analysis_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_metrics_owner_idx ON project_metrics (owner_id);
    CREATE TABLE user_dashboard_metrics (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      total_projects integer NOT NULL DEFAULT 0,
      total_analyses integer NOT NULL DEFAULT 0,
      projects_completed integer NOT NULL DEFAULT 0,
      active_projects integer NOT NULL DEFAULT 0,
      ai_interactions integer NOT NULL DEFAULT 0,
      last_activity timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DROP TABLE IF EXISTS user_dashboard_metrics, project_metrics, analytics_daily_platform, analytics_daily_mrr, analytics_mrr_snapshots, analytics_mrr_daily,
      analytics_daily_projects, analytics_daily_users, analytics_events CASCADE;
    DROP FUNCTION IF EXISTS analytics_ensure_partition(date);
  `);
};
