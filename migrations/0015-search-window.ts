import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Search across every customer: typo-tolerant suggestions now compare what was typed with the titles of
 * the newest documents of each type (found through the (type, date) index) instead of every title in the
 * table, so the trigram index on titles has no reader left. Dropping it spares every indexed change a
 * trigram update and a rebuild one of its two index builds. Suggestions within one customer never used
 * it (that customer's rows are few).
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query('DROP INDEX IF EXISTS search_documents_title_trgm_idx');
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(
    'CREATE INDEX IF NOT EXISTS search_documents_title_trgm_idx ON search_documents USING gin (lower(title) gin_trgm_ops) WITH (fastupdate = off)',
  );
};
