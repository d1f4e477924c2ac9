import { createHash } from 'node:crypto';
import { db } from '../../../db/sequelize';
import { plainSelect } from '../../../db/plain-query';
import { queryWords } from '../code-terms';
import { SEARCH_TYPES, type EngineQuery, type EngineResult, type SearchDocument, type SearchEngine, type SearchFilters, type SearchType, type WriteContext } from '../search-engine';
import { CandidateEstimator } from './postgres-breadth';
import { spellingCandidates } from './postgres-spelling';
import type { WordCandidates } from '../spelling';

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

export interface PostgresSearchOptions {
  /**
   * A search across every customer is broad from this much work: documents the full-text index hands
   * over, plus twice the matches among them (ranking a match costs about twice reading a candidate).
   */
  broadAt?: number;
  /** How many of the newest documents of each type a broad search reads. */
  window?: number;
}

/** A customer's spelling dictionary comes from their newest documents, up to this many. */
const OWNER_DICTIONARY = 2_000;

/** ts_rank_cd's weights for D, C, B, A (body C, identifier parts B, title A). */
const WEIGHTS = `'{0.1, 0.2, 0.6, 1.0}'`;

/**
 * PostgreSQL full-text search (the embedded default): one search_documents table whose generated tsvector
 * weighs title A, filename/e-mail/identifier parts B, body C, behind a GIN index; pg_trgm serves
 * typo-tolerant suggestions.
 *
 * A search reads every document it matches, to rank and count them. Within one customer that is a few
 * dozen rows; across every customer a common word matches a tenth of the index (100,000 documents at a
 * million: a second and more). So a broad search across customers — judged before it runs, from the
 * index statistics — reads only the newest `window` documents of each type, ranks the matches among them
 * and says so in its result (`window`); a date range moves the window back in time.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private readonly broadAt: number;
  private readonly window: number;
  private readonly estimator = new CandidateEstimator();

  constructor(opts: PostgresSearchOptions = {}) {
    // about 25 ms of database time (a candidate costs 3–4 µs, a match twice that); a window costs about as
    // much per document it reads, so 15–20 ms for five types of 1,000
    this.broadAt = opts.broadAt ?? 8_000;
    this.window = opts.window ?? 1_000;
  }

  /** The table comes from migration 0008; this restores the index a bulk load set aside, had it been interrupted. */
  async setup(): Promise<void> {
    await db().query(TSV_INDEX);
  }

  /** A rebuild into the empty table: the GIN index is built once at the end (3× faster than row by row). */
  async beginBulkLoad(): Promise<void> {
    await db().query('DROP INDEX IF EXISTS search_documents_tsv_idx');
  }

  async endBulkLoad(): Promise<void> {
    await db().transaction(async (transaction) => {
      await db().query(`SET LOCAL maintenance_work_mem = '256MB'`, { transaction }); // room to sort in memory
      await db().query(TSV_INDEX, { transaction });
    });
    await db().query('ANALYZE search_documents');
    this.estimator.forget();
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
    const keys = types ?? ['all'];
    const reach = words.length ? await this.reach(words, query.filters) : null;
    const windowed = reach === 'window' ? { window: this.window } : {};
    const out: Record<string, EngineResult> = Object.fromEntries(keys.map((k) => [k, { hits: [], total: 0, ...windowed }]));
    if (!reach) return out;
    const bind: unknown[] = [];
    const m = matchSql(words, bind, reach);
    const filters = types ? { ...query.filters, types } : query.filters;
    // the window applies the filters itself
    const from = reach === 'window' ? windowSql(filters.types, filters, this.window, bind) : 'search_documents';
    const where = reach === 'window' ? [m.where] : [m.where, ...filterSql(filters, bind)];
    const matching = `FROM ${from} d WHERE ${where.join(' AND ')}`;
    const matched = `FROM ${from} d CROSS JOIN LATERAL (SELECT ts_rank_cd(${WEIGHTS}, d.tsv, ${m.tsq}) AS score) m WHERE ${where.join(' AND ')}`;
    const countBind = [...bind];
    bind.push(query.offset, query.offset + query.limit);
    const partition = types ? 'PARTITION BY d.type' : '';
    const ranks = `row_number() OVER (${partition} ORDER BY m.score DESC, d.date DESC, d.id) AS rn, count(*) OVER (${partition}) AS total`;
    const page = `rn > $${bind.length - 1} AND rn <= $${bind.length}`;
    const rows = await select<Row & { rn: number }>(
      reach,
      reach === 'owner'
        ? // a customer's few matches are ranked with their columns
          `SELECT * FROM (
             SELECT d.id, d.type, d.source_id, d.title, left(d.body, 50000) AS body, d.extra, d.terms, d.owner_id, d.owner_name, d.status, d.date, d.meta, m.score, ${ranks}
             ${matched}
           ) ranked WHERE ${page} ORDER BY type, rn`
        : // up to thousands of matches across customers: ranked on narrow rows, only the page read whole
          `WITH page AS (SELECT * FROM (SELECT d.id, m.score, ${ranks} ${matched}) ranked WHERE ${page})
           SELECT d.id, d.type, d.source_id, d.title, left(d.body, 50000) AS body, d.extra, d.terms, d.owner_id, d.owner_name, d.status, d.date, d.meta, p.score, p.rn, p.total
             FROM page p CROSS JOIN LATERAL (SELECT * FROM search_documents d WHERE d.id = p.id) d
            ORDER BY d.type, p.rn`,
      bind,
      filters,
    );
    for (const r of rows) {
      const g = out[types ? r.type : 'all'];
      if (!g) continue;
      g.total = Number(r.total);
      g.hits.push({ doc: toDoc(r), score: Number(r.score) });
    }
    if (query.offset > 0 && keys.some((k) => !out[k].hits.length)) {
      // a page past the end has no rows to carry the count
      const counts = await plainSelect<{ type: string; total: number }>(`SELECT d.type, count(*)::int AS total ${matching} GROUP BY d.type`, countBind);
      for (const k of keys) if (!out[k].hits.length) out[k].total = counts.filter((c) => !types || c.type === k).reduce((n, c) => n + c.total, 0);
    }
    return out;
  }

  /**
   * Titles that contain the words (prefix on the last), then titles merely similar to what was typed
   * (pg_trgm word similarity: "invoise" still suggests "Invoice totals"). Across owners, similar titles
   * come from the newest documents of each type (the whole table has too many to compare), and are only
   * looked for when the words themselves found too few; a broad prefix's matches come from there too.
   */
  async suggest(prefix: string, filters: SearchFilters, limit: number): Promise<string[]> {
    const words = queryWords(prefix);
    if (!words.length) return [];
    const reach = await this.reach(words, filters);
    if (reach === 'owner') {
      return suggestTitles(words, limit, reach, (bind, match) => {
        const m = match();
        return `SELECT d.title, d.date, (d.tsv @@ ${m.tsq})::int AS exact FROM search_documents d WHERE (${m.where} OR $1 <% lower(d.title)) AND ${filterSql(filters, bind).join(' AND ')}`;
      });
    }
    // a handful of titles: a fifth of the search window is plenty, and each type stops at twice the
    // titles wanted (a broad prefix matches a few of every ten documents: reading on would only add
    // titles that the similarity order then drops)
    const recent = (bind: unknown[], where: string) => windowSql(filters.types, filters, Math.ceil(this.window / 5), bind, { where, limit: 2 * limit });
    const found = await suggestTitles(words, limit, reach, (bind, match) => {
      const m = match();
      return reach === 'window'
        ? `SELECT w.title, w.date, 1 AS exact FROM ${recent(bind, `ts_match_vq(w.tsv, ${m.tsq})`)} w`
        : `SELECT d.title, d.date, 1 AS exact FROM search_documents d WHERE ${[m.where, ...filterSql(filters, bind)].join(' AND ')} LIMIT 200`;
    });
    if (found.length >= limit) return found;
    const similar = await suggestTitles(words, limit, 'window', (bind) => `SELECT w.title, w.date, 0 AS exact FROM ${recent(bind, '$1 <% lower(w.title)')} w`);
    const seen = new Set(found.map((t) => t.toLowerCase()));
    return [...found, ...similar.filter((t) => !seen.has(t.toLowerCase()))].slice(0, limit);
  }

  /**
   * The words come from a customer's newest documents, or for a search across every customer from the
   * newest `window` documents of each type (the whole index has too many words to compare).
   */
  spellingCandidates(words: string[], filters: SearchFilters): Promise<WordCandidates[]> {
    const bind: unknown[] = [words];
    const source = filters.ownerId
      ? `(SELECT d.tsv FROM search_documents d WHERE ${filterSql({ types: filters.types, ownerId: filters.ownerId }, bind).join(' AND ')} ORDER BY d.date DESC LIMIT ${OWNER_DICTIONARY})`
      : windowSql(filters.types, {}, this.window, bind);
    return spellingCandidates(source, bind);
  }

  /** Where a search finds its rows: see matchSql, and the class comment for the window. */
  private async reach(words: string[], filters: SearchFilters): Promise<Reach> {
    if (filters.ownerId) return 'owner';
    const plan = await this.estimator.plan(words.slice(0, -1), words[words.length - 1]);
    if (plan.candidates + 2 * plan.matches >= this.broadAt) return 'window';
    return plan.prefixInIndex ? 'index+prefix' : 'index';
  }
}

/**
 * Distinct titles from `candidates` (rows of title, date and exact: whether the words matched; $1 holds
 * the words typed), those with the words first, then the most similar to what was typed.
 */
async function suggestTitles(words: string[], limit: number, reach: Reach, candidates: (bind: unknown[], match: () => { tsq: string; where: string }) => string): Promise<string[]> {
  const bind: unknown[] = [words.join(' ')];
  const from = candidates(bind, () => matchSql(words, bind, reach));
  bind.push(limit);
  const rows = await select<{ title: string }>(
    reach,
    `SELECT title FROM (
       SELECT DISTINCT ON (lower(c.title)) c.title, c.exact, word_similarity($1, lower(c.title)) AS sim
         FROM (${from}) c
        ORDER BY lower(c.title), c.date DESC
        LIMIT 200
     ) s ORDER BY exact DESC, sim DESC, title LIMIT $${bind.length}`,
    bind,
  );
  return rows.map((r) => r.title);
}

/**
 * The newest `size` documents of each wanted type that pass the filters (the owner aside: windows serve
 * searches across owners), as narrow rows: id, type, date, title and the tsvector. Each type walks the
 * (type, date) index backwards and stops after `size` rows — or, given `matching` (a condition on alias
 * w), as soon as `matching.limit` of them meet it.
 */
function windowSql(types: readonly SearchType[] | undefined, filters: SearchFilters, size: number, bind: unknown[], matching?: { where: string; limit: number }): string {
  bind.push(types?.length ? types : SEARCH_TYPES);
  const typesParam = `$${bind.length}`;
  const conditions = filterSql({ ...filters, types: undefined, ownerId: undefined }, bind);
  bind.push(size);
  let newest = `SELECT d.id, d.type, d.date, d.title, d.tsv FROM search_documents d
               WHERE d.type = t.type ${conditions.map((c) => `AND ${c}`).join(' ')}
               ORDER BY d.date DESC LIMIT $${bind.length}`;
  if (matching) {
    bind.push(matching.limit);
    newest = `SELECT * FROM (${newest}) w WHERE ${matching.where} LIMIT $${bind.length}`;
  }
  return `(SELECT w.* FROM unnest(${typesParam}::text[]) t(type) CROSS JOIN LATERAL (${newest}) w)`;
}

/**
 * The index a bulk load drops and rebuilds (definition as in migrations 0008 and 0012; IF NOT EXISTS so
 * setup() can run it at every start).
 */
const TSV_INDEX = 'CREATE INDEX IF NOT EXISTS search_documents_tsv_idx ON search_documents USING gin (tsv) WITH (fastupdate = off)';

const statementNames = new Map<string, string>();

/**
 * A read through plainSelect, planned the cheapest way for where it finds its rows:
 * - `owner`: a named prepared statement. Planning costs more than running such a query (a few dozen rows
 *   through the owner index); PostgreSQL plans it once per connection and then settles on a generic plan,
 *   which for an owner is the owner index whatever the words.
 * - `index`, `index+prefix`: a named prepared statement on genericPlanDb's connections, planned once for
 *   any words. The words are rare enough for the full-text index (reach() judged so), so it is the plan
 *   whatever they are; left to itself PostgreSQL would plan each call anew, as a generic plan looks
 *   dearer than one for rare words, and planning costs about as much as running it. Not with a status or
 *   date filter: not knowing the values, a generic plan would also read the whole range from the (type,
 *   date) index (600,000 entries for a year of snippets) and intersect, 50–270 ms instead of 18.
 * - `window`: planned for its words each time (it reads thousands of rows; planning is a small part).
 */
function select<T>(reach: Reach, sql: string, params: unknown[], filters: SearchFilters = {}): Promise<T[]> {
  const ranged = Boolean(filters.status || filters.dateFrom || filters.dateTo);
  if (reach === 'window' || (reach !== 'owner' && ranged)) return plainSelect<T>(sql, params);
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `search_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return plainSelect<T>(sql, params, { name, genericPlan: reach !== 'owner' });
}

/**
 * Where a search finds its rows:
 * - `owner`: one customer's documents (every customer search) through the owner index; the words are
 *   checked on those few rows.
 * - `index`: across owners, the GIN index gets the whole words and the (common) prefix is checked on the
 *   rows they find: a prefix term makes GIN gather every posting of every lexeme starting with it into a
 *   bitmap before intersecting (100+ ms for a common word over a million documents), while whole words
 *   intersect by skipping through their posting trees.
 * - `index+prefix`: across owners, a rare prefix (or a single word) goes to the index with the rest.
 * - `window`: a broad search across owners, checked on the newest documents of each type (windowSql).
 */
type Reach = 'owner' | 'index' | 'index+prefix' | 'window';

/**
 * All words must match; the last is a prefix, as people type. Words are letters/digits only (queryWords).
 * `tsq` is the whole query (for ranking); `where` is the match for the reach (on alias d). Checks on rows
 * are written as ts_match_vq, the function behind @@, which the planner cannot use as an index condition:
 * otherwise a generic plan (see select) intersects the owner index with a GIN scan of the words, and
 * "invoice:*" alone collects 100,000 postings (140 ms) to keep one row.
 */
function matchSql(words: string[], bind: unknown[], reach: Reach): { tsq: string; where: string } {
  const head = words.slice(0, -1).join(' ');
  bind.push(`${words[words.length - 1]}:*`);
  const prefix = `to_tsquery('simple', $${bind.length})`;
  let whole = '';
  if (head) {
    bind.push(head);
    whole = `websearch_to_tsquery('simple', $${bind.length})`;
  }
  // Each query is computed once per statement (a scalar subquery: an InitPlan), not once per row: in the
  // generic plan of a prepared statement (see select) a function of a parameter is not folded into a
  // constant, and parsing the query again for each of 5,000 rows costs more than the search itself.
  const once = (query: string) => `(SELECT ${query})`;
  const tsq = once(whole ? `${whole} && ${prefix}` : prefix);
  if (reach === 'owner' || reach === 'window') return { tsq, where: `ts_match_vq(d.tsv, ${tsq})` };
  return { tsq, where: reach === 'index' && whole ? `d.tsv @@ ${once(whole)} AND ts_match_vq(d.tsv, ${tsq})` : `d.tsv @@ ${tsq}` };
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
