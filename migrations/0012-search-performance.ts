import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/**
 * Search performance: the GIN indexes of search_documents (full text and title trigrams) without the
 * "fast update" pending list. With it, every change lands in an unsorted list (up to 4 MB) that every
 * search scans in full until VACUUM merges it: measured on the benchmark's million documents, a one-row
 * e-mail lookup took 2–4 ms with a filled list instead of 0.2 ms. Searches far outnumber changes, so
 * changes pay instead (each writes its entries into the index directly). Any list left is merged now.
 * The engine's bulk rebuild creates these indexes with the same option (engines/postgres.ts).
 */
export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ALTER INDEX IF EXISTS search_documents_tsv_idx SET (fastupdate = off);
    ALTER INDEX IF EXISTS search_documents_title_trgm_idx SET (fastupdate = off);
    SELECT gin_clean_pending_list(i)
      FROM unnest(ARRAY[to_regclass('search_documents_tsv_idx'), to_regclass('search_documents_title_trgm_idx')]) i
     WHERE i IS NOT NULL;
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ALTER INDEX IF EXISTS search_documents_tsv_idx RESET (fastupdate);
    ALTER INDEX IF EXISTS search_documents_title_trgm_idx RESET (fastupdate);
  `);
};
