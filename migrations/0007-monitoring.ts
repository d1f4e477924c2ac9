import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Monitoring alerts: one row per crossing of an alert threshold (error rate, p95 latency, queue backlog),
 * open until the value is back under it. The partial unique index keeps one open alert per metric, so
 * two workers checking at once cannot both raise (and e-mail) the same crossing.
 * The thresholds themselves live in `settings` under `monitoring.thresholds`.
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
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`DROP TABLE IF EXISTS monitoring_alerts`);
};
