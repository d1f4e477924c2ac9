import { createHash } from 'node:crypto';
import { db } from '../../../db/sequelize';
import { plainSelect } from '../../../db/plain-query';
import { queryWords } from '../code-terms';
import type { EngineQuery, EngineResult, SearchDocument, SearchEngine, SearchFilters, SearchType, WriteContext } from '../search-engine';

interface Row {
  id: string;
  type: SearchType;
  source_id: string;
  title: string;
  body: string;
  extra: string;
  terms: string;
  owner_id: string | null;
  owner_name: string | null;
  status: string | null;
  date: Date;
  meta: Record<string, string | number | null>;
  score: number;
  total: number;
}

/**
 * PostgreSQL full-text search (the embedded default): one search_documents table whose generated tsvector
 * weighs title A, filename/e-mail/identifier parts B, body C, behind a GIN index; pg_trgm serves
 * typo-tolerant suggestions.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;

  /** The table comes from migration 0008; this restores the indexes a bulk load set aside, had it been interrupted. */
  async setup(): Promise<void> {
    for (const sql of Object.values(BULK_INDEXES)) await db().query(sql);
  }

  /** A rebuild into the empty table: the GIN indexes are built once at the end (3× faster than row by row). */
  async beginBulkLoad(): Promise<void> {
    await db().query(`DROP INDEX IF EXISTS ${Object.keys(BULK_INDEXES).join(', ')}`);
  }

  async endBulkLoad(): Promise<void> {
    // both at once (two cores), each with room to sort in memory
    await Promise.all(
      Object.values(BULK_INDEXES).map((sql) =>
        db().transaction(async (transaction) => {
          await db().query(`SET LOCAL maintenance_work_mem = '256MB'`, { transaction });
          await db().query(sql, { transaction });
        }),
      ),
    );
    await db().query('ANALYZE search_documents');
  }

  async upsert(docs: SearchDocument[], ctx: WriteContext = {}): Promise<void> {
    if (!docs.length) return;
    // one array per column: twelve parameters whatever the number of rows
    const col = <T>(f: (d: SearchDocument) => T) => docs.map(f);
    await db().query(
      `INSERT INTO search_documents (id, type, source_id, title, body, extra, terms, owner_id, owner_name, status, date, meta, indexed_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::timestamptz[], $12::jsonb[])
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, extra = EXCLUDED.extra, terms = EXCLUDED.terms,
         owner_id = EXCLUDED.owner_id, owner_name = EXCLUDED.owner_name, status = EXCLUDED.status, date = EXCLUDED.date,
         meta = EXCLUDED.meta, indexed_at = now()`,
      {
        bind: [
          col((d) => d.id), col((d) => d.type), col((d) => d.sourceId), col((d) => d.title), col((d) => d.body), col((d) => d.extra), col((d) => d.terms),
          col((d) => d.ownerId), col((d) => d.ownerName), col((d) => d.status), col((d) => d.date), col((d) => JSON.stringify(d.meta)),
        ],
        transaction: ctx.transaction,
      },
    );
  }

  async remove(ids: string[], ctx: WriteContext = {}): Promise<void> {
    if (!ids.length) return;
    await db().query('DELETE FROM search_documents WHERE id = ANY($1)', { bind: [ids], transaction: ctx.transaction });
  }

  async clear(ctx: WriteContext = {}): Promise<void> {
    await db().query('TRUNCATE search_documents', { transaction: ctx.transaction });
  }

  async ping(): Promise<void> {
    await db().query('SELECT 1 FROM search_documents LIMIT 1');
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return (await this.searchGroups(query, null)).all;
  }

  /**
   * One statement for every group: ranks all matches once, numbers them per type (or overall) and counts
   * them with window functions, so the grouped search is one round trip instead of one per type. Reads go
   * past Sequelize's per-query machinery (select()): this is the hottest read of the module.
   */
  async searchGroups(query: EngineQuery, types: SearchType[] | null): Promise<Record<string, EngineResult>> {
    const words = queryWords(query.q);
    const empty = (): EngineResult => ({ hits: [], total: 0 });
    const keys = types ?? ['all'];
    const out: Record<string, EngineResult> = Object.fromEntries(keys.map((k) => [k, empty()]));
    if (!words.length) return out;
    const bind: unknown[] = [];
    const m = matchSql(words, bind, Boolean(query.filters.ownerId));
    const filters = types ? { ...query.filters, types } : query.filters;
    const where = [m.where, ...filterSql(filters, bind)];
    bind.push(query.offset, query.offset + query.limit);
    const partition = types ? 'PARTITION BY d.type' : '';
    const rows = await select<Row & { rn: number }>(
      Boolean(filters.ownerId),
      `SELECT * FROM (
         SELECT d.id, d.type, d.source_id, d.title, left(d.body, 50000) AS body, d.extra, d.terms, d.owner_id, d.owner_name, d.status, d.date, d.meta, m.score,
                row_number() OVER (${partition} ORDER BY m.score DESC, d.date DESC, d.id) AS rn,
                count(*) OVER (${partition}) AS total
           FROM search_documents d
           CROSS JOIN LATERAL (SELECT ts_rank_cd('{0.1, 0.2, 0.6, 1.0}', d.tsv, ${m.tsq}) AS score) m
          WHERE ${where.join(' AND ')}
       ) ranked
       WHERE rn > $${bind.length - 1} AND rn <= $${bind.length}
       ORDER BY type, rn`,
      bind,
    );
    for (const r of rows) {
      const g = out[types ? r.type : 'all'];
      if (!g) continue;
      g.total = Number(r.total);
      g.hits.push({ doc: toDoc(r), score: Number(r.score) });
    }
    // a page past the end has no rows to carry the count
    if (query.offset > 0) {
      for (const k of keys) {
        if (out[k].hits.length) continue;
        const countBind: unknown[] = [];
        const cw = [matchSql(words, countBind, Boolean(query.filters.ownerId)).where, ...filterSql(types ? { ...query.filters, types: [k as SearchType] } : query.filters, countBind)];
        const [{ total }] = await plainSelect<{ total: number }>(`SELECT count(*)::int AS total FROM search_documents d WHERE ${cw.join(' AND ')}`, countBind);
        out[k].total = total;
      }
    }
    return out;
  }

  async suggest(prefix: string, filters: SearchFilters, limit: number): Promise<string[]> {
    const words = queryWords(prefix);
    if (!words.length) return [];
    const bind: unknown[] = [];
    const text = words.join(' ');
    bind.push(text);
    const textParam = `$${bind.length}`;
    const conditions = filterSql(filters, bind);
    const { tsq } = matchSql(words, bind, Boolean(filters.ownerId));
    // across owners both sides of the OR need an index (GIN on tsv, trigram on the title); within one
    // owner the owner index finds the rows (see matchSql)
    const matches = filters.ownerId ? `ts_match_vq(d.tsv, ${tsq})` : `d.tsv @@ ${tsq}`;
    bind.push(limit);
    // Titles that contain the words (prefix on the last), then titles merely similar to what was typed
    // (pg_trgm word similarity: "invoise" still suggests "Invoice totals").
    const rows = await select<{ title: string }>(
      Boolean(filters.ownerId),
      `SELECT title FROM (
         SELECT DISTINCT ON (lower(d.title)) d.title,
                (d.tsv @@ ${tsq})::int AS exact, word_similarity(${textParam}, lower(d.title)) AS sim
           FROM search_documents d
          WHERE (${matches} OR ${textParam} <% lower(d.title)) ${conditions.length ? 'AND ' + conditions.join(' AND ') : ''}
          ORDER BY lower(d.title), d.date DESC
          LIMIT 200
       ) s ORDER BY exact DESC, sim DESC, title LIMIT $${bind.length}`,
      bind,
    );
    return rows.map((r) => r.title);
  }
}

/**
 * The indexes a bulk load drops and rebuilds (definitions as in migrations 0008 and 0012; IF NOT EXISTS so
 * setup() can run them at every start).
 */
const BULK_INDEXES = {
  search_documents_tsv_idx: 'CREATE INDEX IF NOT EXISTS search_documents_tsv_idx ON search_documents USING gin (tsv) WITH (fastupdate = off)',
  search_documents_title_trgm_idx: 'CREATE INDEX IF NOT EXISTS search_documents_title_trgm_idx ON search_documents USING gin (lower(title) gin_trgm_ops) WITH (fastupdate = off)',
};

interface PgClient {
  query<T>(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}
interface ConnectionManager {
  getConnection(options: { type: string }): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}
const statementNames = new Map<string, string>();

/**
 * A read through plainSelect, or, for one customer's documents, as a named prepared statement: planning
 * costs more than running such a query (a few dozen rows through the owner index), and a prepared
 * statement is planned once per connection; PostgreSQL then settles on a generic plan, which for an owner
 * is the owner index whatever the words. Searches across every owner keep a plan made for their words
 * (how common a word is decides between the GIN index and a scan).
 */
async function select<T>(prepared: boolean, sql: string, params: unknown[]): Promise<T[]> {
  if (!prepared) return plainSelect<T>(sql, params);
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `search_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  const manager = (db() as unknown as { connectionManager: ConnectionManager }).connectionManager;
  const client = await manager.getConnection({ type: 'SELECT' });
  try {
    return (await client.query<T>({ name, text: sql, values: params })).rows;
  } finally {
    await manager.releaseConnection(client);
  }
}

/**
 * All words must match; the last is a prefix, as people type. Words are letters/digits only (queryWords).
 * `tsq` is the whole query (for ranking); `where` decides which index finds the rows:
 * - one owner's documents (every customer search): the owner index, and the words are checked on those
 *   few rows. The match is written as ts_match_vq, the function behind @@, which the planner cannot use
 *   as an index condition: otherwise a generic plan (see select) intersects the owner index with a GIN
 *   scan of the words, and "invoice:*" alone collects 100,000 postings (140 ms) to keep one row.
 * - across owners: the GIN index gets only the whole words and the full query is checked on the rows they
 *   find. A prefix term makes GIN gather every posting of every lexeme starting with it into a bitmap
 *   before intersecting (100+ ms for a common word over a million documents), while whole words intersect
 *   by skipping through their posting trees. A single word is all prefix, so it goes to the index.
 */
function matchSql(words: string[], bind: unknown[], scoped: boolean): { tsq: string; where: string } {
  const head = words.slice(0, -1).join(' ');
  bind.push(`${words[words.length - 1]}:*`);
  const prefix = `to_tsquery('simple', $${bind.length})`;
  let whole = '';
  if (head) {
    bind.push(head);
    whole = `websearch_to_tsquery('simple', $${bind.length})`;
  }
  const tsq = whole ? `(${whole} && ${prefix})` : prefix;
  if (scoped) return { tsq, where: `ts_match_vq(d.tsv, ${tsq})` };
  return { tsq, where: whole ? `d.tsv @@ ${whole} AND ts_match_vq(d.tsv, ${tsq})` : `d.tsv @@ ${tsq}` };
}

function filterSql(f: SearchFilters, bind: unknown[]): string[] {
  const out: string[] = [];
  if (f.types?.length) {
    bind.push(f.types);
    out.push(`d.type = ANY($${bind.length})`);
  }
  if (f.status) {
    bind.push(f.status);
    out.push(`d.status = $${bind.length}`);
  }
  if (f.ownerId) {
    bind.push(f.ownerId);
    out.push(`d.owner_id = $${bind.length}`);
  }
  if (f.dateFrom) {
    bind.push(f.dateFrom);
    out.push(`d.date >= $${bind.length}`);
  }
  if (f.dateTo) {
    bind.push(f.dateTo);
    out.push(`d.date < $${bind.length}`);
  }
  return out;
}

function toDoc(r: Row): SearchDocument {
  return {
    id: r.id,
    type: r.type,
    sourceId: r.source_id,
    title: r.title,
    body: r.body,
    extra: r.extra,
    terms: r.terms,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    status: r.status,
    date: new Date(r.date).toISOString(),
    meta: r.meta ?? {},
  };
}
