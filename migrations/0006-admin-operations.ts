import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Admin operations on accounts and a tamper-evident audit trail.
 *
 * - users.deleted_at: an erased account keeps its row (invoices hang off it, for the books) but loses its
 *   personal data; the timestamp says when and makes erasure idempotent.
 * - user_imports: CSV imports of customers, worked by a background job, with progress and a per-row report.
 * - audit_logs hash chain: each row stores the previous row's hash and its own, computed by a trigger that
 *   takes an advisory transaction lock, so concurrent writers are chained in commit order and every writer
 *   (not only the audit() helper) is covered. A changed row no longer matches its hash; a deleted row breaks
 *   the next row's prev_hash. `seq` is assigned under the lock, so it is the chain order.
 * - the users.import permission (super admins hold every permission; grant it to others from the console).
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ALTER TABLE users ADD COLUMN deleted_at timestamptz;
    -- Without statistics the planner guesses 0.5% of rows for "deleted_at IS NULL", which would make the
    -- users list count a large table exactly instead of trusting its estimate.
    ANALYZE users (deleted_at);

    CREATE TABLE user_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      actor_email text,
      filename text NOT NULL DEFAULT 'users.csv',
      csv text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      total_rows integer NOT NULL DEFAULT 0,
      processed_rows integer NOT NULL DEFAULT 0,
      created_count integer NOT NULL DEFAULT 0,
      error_count integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      failure text,
      started_at timestamptz,
      finished_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX user_imports_created_at_idx ON user_imports (created_at DESC);

    INSERT INTO permissions (key, group_name, description)
    VALUES ('users.import', 'Users', 'Import customer accounts from a CSV file')
    ON CONFLICT (key) DO NOTHING;

    CREATE SEQUENCE audit_logs_seq;
    ALTER TABLE audit_logs ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;

    -- The row's content in a canonical form (jsonb text is normalised), chained to the previous hash.
    -- actor_id is left out: the foreign key sets it to NULL if that user row is ever removed, which is not
    -- tampering; actor_email, which names the actor, is covered.
    CREATE FUNCTION audit_row_hash(prev text, r audit_logs) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(coalesce(prev, '') || '|' || jsonb_build_array(
        r.seq, r.id, r.actor_email, r.action, r.target_type, r.target_id,
        r.before, r.after, r.ip, r.user_agent,
        to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
      )::text, 'UTF8')), 'hex')
    $$;

    CREATE FUNCTION audit_logs_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE last_hash text;
    BEGIN
      -- One writer at a time until commit: the next writer then sees this row as the chain's end.
      PERFORM pg_advisory_xact_lock(hashtext('audit_logs_chain'));
      SELECT hash INTO last_hash FROM audit_logs ORDER BY seq DESC LIMIT 1;
      NEW.seq := nextval('audit_logs_seq');
      NEW.prev_hash := last_hash;
      NEW.hash := audit_row_hash(last_hash, NEW);
      RETURN NEW;
    END $$;

    -- Chain the rows written before this migration, oldest first.
    DO $$
    DECLARE r audit_logs; last_hash text;
    BEGIN
      FOR r IN SELECT * FROM audit_logs ORDER BY created_at, id LOOP
        r.seq := nextval('audit_logs_seq');
        r.prev_hash := last_hash;
        r.hash := audit_row_hash(last_hash, r);
        UPDATE audit_logs SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        last_hash := r.hash;
      END LOOP;
    END $$;

    ALTER TABLE audit_logs ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
    CREATE UNIQUE INDEX audit_logs_seq_key ON audit_logs (seq);
    CREATE TRIGGER audit_logs_chain BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_logs_chain();
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DROP TRIGGER IF EXISTS audit_logs_chain ON audit_logs;
    DROP FUNCTION IF EXISTS audit_logs_chain();
    DROP FUNCTION IF EXISTS audit_row_hash(text, audit_logs);
    ALTER TABLE audit_logs DROP COLUMN IF EXISTS seq, DROP COLUMN IF EXISTS prev_hash, DROP COLUMN IF EXISTS hash;
    DROP SEQUENCE IF EXISTS audit_logs_seq;
    DELETE FROM permissions WHERE key = 'users.import';
    DROP TABLE IF EXISTS user_imports;
    ALTER TABLE users DROP COLUMN IF EXISTS deleted_at;
  `);
};
