import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Error tracking that works with or without Sentry: the system log (the plan's SystemLog, also the store of
 * every unexpected error as an "event"), error groups keyed by a fingerprint (error type + top frames), and
 * which users each group has hit. Plus `system.test_error`, given to no role: only super admins (who hold
 * every permission) or an explicit grant may raise the test exception.
 */
export const up: Migration = async ({ context }) => {
  const q = (sql: string, replacements?: unknown[]) => context.sequelize.query(sql, { replacements });
  await q(`
    CREATE TABLE error_groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      fingerprint text NOT NULL UNIQUE,
      -- server (API request), job, browser, process
      component text NOT NULL,
      error_type text NOT NULL,
      message text NOT NULL,
      status text NOT NULL DEFAULT 'unresolved' CHECK (status IN ('unresolved', 'resolved', 'ignored')),
      -- set when a resolved group recurs; cleared when it is resolved again
      regressed boolean NOT NULL DEFAULT false,
      regressed_at timestamptz,
      event_count integer NOT NULL DEFAULT 0,
      user_count integer NOT NULL DEFAULT 0,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      last_event_id uuid,
      last_stack text,
      last_context jsonb NOT NULL DEFAULT '{}',
      resolved_at timestamptz,
      resolved_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX error_groups_last_seen_idx ON error_groups (last_seen_at DESC, id);
    CREATE INDEX error_groups_status_last_seen_idx ON error_groups (status, last_seen_at DESC, id);
    CREATE INDEX error_groups_message_trgm_idx ON error_groups USING gin (message gin_trgm_ops);

    CREATE TABLE system_logs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      level text NOT NULL CHECK (level IN ('debug', 'info', 'warning', 'error', 'critical')),
      component text NOT NULL,
      message text NOT NULL,
      context jsonb NOT NULL DEFAULT '{}',
      stack text,
      fingerprint text,
      error_group_id uuid REFERENCES error_groups(id) ON DELETE CASCADE,
      request_id text,
      -- no foreign key: the log outlives erased accounts and never blocks an insert
      user_id uuid,
      sentry_event_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX system_logs_created_at_idx ON system_logs (created_at DESC, id);
    CREATE INDEX system_logs_level_created_at_idx ON system_logs (level, created_at DESC);
    CREATE INDEX system_logs_component_created_at_idx ON system_logs (component, created_at DESC);
    CREATE INDEX system_logs_group_idx ON system_logs (error_group_id, created_at DESC) WHERE error_group_id IS NOT NULL;
    CREATE INDEX system_logs_request_id_idx ON system_logs (request_id) WHERE request_id IS NOT NULL;

    CREATE TABLE error_group_users (
      error_group_id uuid NOT NULL REFERENCES error_groups(id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      PRIMARY KEY (error_group_id, user_id)
    );
  `);
  await q(`INSERT INTO permissions (key, group_name, description) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`, [
    'system.test_error',
    'System',
    'Raise a test exception to check error tracking (super admins)',
  ]);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DELETE FROM permissions WHERE key = 'system.test_error';
    DROP TABLE IF EXISTS error_group_users, system_logs, error_groups CASCADE;
  `);
};
