import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Analytics performance (docs/analytics.md, "Performance"): the version of the rollups, which every rollup
 * run moves on. The admin reports are cached per version, so a report is computed once per rollup run
 * (and at most a minute old otherwise) instead of on every dashboard load.
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE TABLE analytics_rollup_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      generation bigint NOT NULL DEFAULT 0,
      rolled_up_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    INSERT INTO analytics_rollup_state DEFAULT VALUES;
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`DROP TABLE IF EXISTS analytics_rollup_state`);
};
