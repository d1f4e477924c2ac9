import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
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

  async setup(): Promise<void> {
    // the table, its indexes and pg_trgm come from migration 0008
  }

  async upsert(docs: SearchDocument[], ctx: WriteContext = {}): Promise<void> {
    if (!docs.length) return;
    const values: unknown[] = [];
    const rows = docs.map((d) => {
      values.push(d.id, d.type, d.sourceId, d.title, d.body, d.extra, d.terms, d.ownerId, d.ownerName, d.status, d.date, JSON.stringify(d.meta));
      const n = values.length;
      return `($${n - 11}, $${n - 10}, $${n - 9}, $${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb, now())`;
    });
    await db().query(
      `INSERT INTO search_documents (id, type, source_id, title, body, extra, terms, owner_id, owner_name, status, date, meta, indexed_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, extra = EXCLUDED.extra, terms = EXCLUDED.terms,
         owner_id = EXCLUDED.owner_id, owner_name = EXCLUDED.owner_name, status = EXCLUDED.status, date = EXCLUDED.date,
         meta = EXCLUDED.meta, indexed_at = now()`,
      { bind: values, transaction: ctx.transaction },
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
   * them with window functions, so the grouped search is one round trip instead of one per type.
   */
  async searchGroups(query: EngineQuery, types: SearchType[] | null): Promise<Record<string, EngineResult>> {
    const words = queryWords(query.q);
    const empty = (): EngineResult => ({ hits: [], total: 0 });
    const keys = types ?? ['all'];
    const out: Record<string, EngineResult> = Object.fromEntries(keys.map((k) => [k, empty()]));
    if (!words.length) return out;
    const bind: unknown[] = [];
    const tsq = tsQuery(words, bind);
    const filters = types ? { ...query.filters, types } : query.filters;
    const where = [`d.tsv @@ ${tsq}`, ...filterSql(filters, bind)];
    bind.push(query.offset, query.offset + query.limit);
    const partition = types ? 'PARTITION BY d.type' : '';
    const rows = await db().query<Row & { rn: number }>(
      `SELECT * FROM (
         SELECT d.id, d.type, d.source_id, d.title, left(d.body, 50000) AS body, d.extra, d.terms, d.owner_id, d.owner_name, d.status, d.date, d.meta, m.score,
                row_number() OVER (${partition} ORDER BY m.score DESC, d.date DESC, d.id) AS rn,
                count(*) OVER (${partition}) AS total
           FROM search_documents d
           CROSS JOIN LATERAL (SELECT ts_rank_cd('{0.1, 0.2, 0.6, 1.0}', d.tsv, ${tsq}) AS score) m
          WHERE ${where.join(' AND ')}
       ) ranked
       WHERE rn > $${bind.length - 1} AND rn <= $${bind.length}
       ORDER BY type, rn`,
      { bind, type: QueryTypes.SELECT },
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
        const cw = [`d.tsv @@ ${tsQuery(words, countBind)}`, ...filterSql(types ? { ...query.filters, types: [k as SearchType] } : query.filters, countBind)];
        const [{ total }] = await db().query<{ total: number }>(`SELECT count(*)::int AS total FROM search_documents d WHERE ${cw.join(' AND ')}`, { bind: countBind, type: QueryTypes.SELECT });
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
    const tsq = tsQuery(words, bind);
    bind.push(limit);
    // Titles that contain the words (prefix on the last), then titles merely similar to what was typed
    // (pg_trgm word similarity: "invoise" still suggests "Invoice totals").
    const rows = await db().query<{ title: string }>(
      `SELECT title FROM (
         SELECT DISTINCT ON (lower(d.title)) d.title,
                (d.tsv @@ ${tsq})::int AS exact, word_similarity(${textParam}, lower(d.title)) AS sim
           FROM search_documents d
          WHERE (d.tsv @@ ${tsq} OR ${textParam} <% lower(d.title)) ${conditions.length ? 'AND ' + conditions.join(' AND ') : ''}
          ORDER BY lower(d.title), d.date DESC
          LIMIT 200
       ) s ORDER BY exact DESC, sim DESC, title LIMIT $${bind.length}`,
      { bind, type: QueryTypes.SELECT },
    );
    return rows.map((r) => r.title);
  }
}

/** All words must match; the last is a prefix, as people type. Words are letters/digits only (queryWords). */
function tsQuery(words: string[], bind: unknown[]): string {
  const head = words.slice(0, -1).join(' ');
  const last = words[words.length - 1];
  bind.push(head, `${last}:*`);
  const h = `$${bind.length - 1}`;
  const l = `$${bind.length}`;
  return `(websearch_to_tsquery('simple', ${h}) && to_tsquery('simple', ${l}))`;
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
