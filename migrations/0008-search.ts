import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Search (DESIGN.md "Search sync"): the PostgreSQL engine's documents, the search outbox written in the
 * same transaction as the change, and the query log behind history, popular and zero-result reports.
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE search_documents (
      id text PRIMARY KEY,
      type text NOT NULL,
      source_id uuid NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      extra text NOT NULL DEFAULT '',
      terms text NOT NULL DEFAULT '',
      owner_id uuid,
      owner_name text,
      status text,
      date timestamptz NOT NULL,
      meta jsonb NOT NULL DEFAULT '{}',
      -- title A; filename, e-mail, language and identifier parts B; body C (capped: tsvector max is 1 MB)
      tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') ||
        setweight(to_tsvector('simple', extra || ' ' || terms), 'B') ||
        setweight(to_tsvector('simple', left(body, 200000)), 'C')
      ) STORED,
      indexed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv);
    CREATE INDEX search_documents_owner_idx ON search_documents (owner_id, type, date DESC);
    CREATE INDEX search_documents_type_date_idx ON search_documents (type, date DESC);
    CREATE INDEX search_documents_title_trgm_idx ON search_documents USING gin (lower(title) gin_trgm_ops);

    -- One row per changed searchable row, written in the change's transaction; the indexer deletes it once
    -- the engine has the change, so a change is never lost while the engine is down.
    CREATE TABLE search_outbox (
      id bigserial PRIMARY KEY,
      doc_type text NOT NULL,
      source_id uuid NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX search_outbox_source_idx ON search_outbox (doc_type, source_id);

    CREATE TABLE search_queries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      query text NOT NULL,
      normalized text NOT NULL,
      scope text NOT NULL DEFAULT 'all',
      result_count integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX search_queries_user_idx ON search_queries (user_id, created_at DESC);
    CREATE INDEX search_queries_created_idx ON search_queries (created_at, normalized);

    CREATE TABLE saved_searches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      query text NOT NULL,
      filters jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX saved_searches_user_name_key ON saved_searches (user_id, lower(name));

    CREATE TABLE search_reindex_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
      engine text NOT NULL,
      total integer NOT NULL DEFAULT 0,
      done integer NOT NULL DEFAULT 0,
      error text,
      started_by uuid REFERENCES users(id) ON DELETE SET NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );

    INSERT INTO role_permissions (role_name, permission_key) VALUES ('support_admin', 'search.admin')
      ON CONFLICT DO NOTHING;
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DELETE FROM role_permissions WHERE role_name = 'support_admin' AND permission_key = 'search.admin';
    DROP TABLE IF EXISTS search_reindex_runs, saved_searches, search_queries, search_outbox, search_documents;
  `);
};
