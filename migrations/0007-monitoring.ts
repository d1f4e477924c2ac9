import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Monitoring alerts: one row per crossing of an alert threshold (error rate, p95 latency, queue backlog),
 * open until the value is back under it. The partial unique index keeps one open alert per metric, so
 * two workers checking at once cannot both raise (and e-mail) the same crossing.
 * The thresholds themselves live in `settings` under `monitoring.thresholds`.
 * Also the `dashboard.read` permission: opening the console's dashboard, granted to every admin role
 * (each part of the dashboard still needs its own permission).
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE TABLE monitoring_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      metric text NOT NULL CHECK (metric IN ('error_rate', 'p95_latency', 'queue_backlog')),
      threshold double precision NOT NULL,
      value double precision NOT NULL,
      last_value double precision NOT NULL,
      started_at timestamptz NOT NULL,
      last_checked_at timestamptz NOT NULL,
      resolved_at timestamptz,
      notified_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX monitoring_alerts_open_key ON monitoring_alerts (metric) WHERE resolved_at IS NULL;
    CREATE INDEX monitoring_alerts_started_idx ON monitoring_alerts (started_at DESC);

    -- Each API process's request totals per minute (all routes added up), so the alert check, which may
    -- run in a worker process, sees the traffic of every process. Rows older than two hours are pruned.
    CREATE TABLE request_metric_minutes (
      instance_id text NOT NULL,
      minute timestamptz NOT NULL,
      requests integer NOT NULL,
      errors integer NOT NULL,
      sum_ms double precision NOT NULL,
      buckets jsonb NOT NULL,
      PRIMARY KEY (instance_id, minute)
    );
    CREATE INDEX request_metric_minutes_minute_idx ON request_metric_minutes (minute);

    INSERT INTO permissions (key, group_name, description)
    VALUES ('dashboard.read', 'System', 'Open the console dashboard (each of its parts needs its own permission)')
    ON CONFLICT (key) DO NOTHING;
    INSERT INTO role_permissions (role_name, permission_key)
    SELECT r.name, 'dashboard.read' FROM roles r WHERE r.name IN ('billing_admin', 'support_admin', 'analytics_admin')
    ON CONFLICT DO NOTHING;
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DELETE FROM role_permissions WHERE permission_key = 'dashboard.read';
    DELETE FROM permissions WHERE key = 'dashboard.read';
    DROP TABLE IF EXISTS request_metric_minutes;
    DROP TABLE IF EXISTS monitoring_alerts;
  `);
};
