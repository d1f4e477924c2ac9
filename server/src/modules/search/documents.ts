import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { codeTerms } from './code-terms';
import type { SearchDocument, SearchType } from './search-engine';

export const docId = (type: SearchType, sourceId: string): string => `${type}-${sourceId}`;

interface Loaded {
  id: string;
  title: string;
  body: string;
  extra: string;
  owner_id: string | null;
  owner_name: string | null;
  status: string | null;
  date: Date;
  meta: Record<string, string | number | null>;
}

/**
 * How each searchable row becomes a document. One SELECT per type, used by the indexer (by ids) and by
 * reindex (keyset pages by id): the database is the source of truth, the engine a copy.
 */
const SOURCES: Record<SearchType, string> = {
  project: `SELECT p.id, p.name AS title, p.description AS body, '' AS extra, p.owner_id, u.name AS owner_name, p.status,
                   p.created_at AS date, jsonb_build_object('completion', p.completion_percentage) AS meta
              FROM projects p JOIN users u ON u.id = p.owner_id`,
  snippet: `SELECT s.id, s.filename AS title, s.content AS body, s.language || ' ' || p.name AS extra, s.owner_id, u.name AS owner_name,
                   NULL::text AS status, s.created_at AS date,
                   jsonb_build_object('language', s.language, 'projectId', s.project_id, 'projectName', p.name) AS meta
              FROM snippets s JOIN projects p ON p.id = s.project_id JOIN users u ON u.id = s.owner_id`,
  analysis: `SELECT a.id, initcap(a.type) || ' analysis of ' || a.snippet_filename AS title,
                   concat_ws(' ', a.summary, a.error, (SELECT string_agg(f->>'rule' || ' ' || (f->>'message'), ' ') FROM jsonb_array_elements(a.findings) f)) AS body,
                   a.type || ' ' || a.snippet_filename AS extra, a.owner_id, u.name AS owner_name, a.status, a.created_at AS date,
                   jsonb_build_object('analysisType', a.type, 'confidence', a.confidence, 'qualityScore', a.quality_score,
                                      'bugsFound', a.bugs_found, 'projectId', a.project_id) AS meta
              FROM analyses a JOIN users u ON u.id = a.owner_id`,
  intake: `SELECT i.id, i.customer_name AS title, i.notes AS body, i.company || ' ' || i.email AS extra, i.owner_id, u.name AS owner_name,
                  i.status, i.created_at AS date, jsonb_build_object('company', i.company, 'email', i.email) AS meta
             FROM intakes i JOIN users u ON u.id = i.owner_id`,
  // Users belong to no customer (owner_id NULL), so a customer's owner-scoped query can never reach them.
  user: `SELECT u.id, u.name AS title, '' AS body, u.email AS extra, NULL::uuid AS owner_id, NULL::text AS owner_name, u.status,
                u.created_at AS date, jsonb_build_object('email', u.email, 'role', coalesce(au.role, 'customer')) AS meta
           FROM users u LEFT JOIN admin_users au ON au.user_id = u.id`,
};
const ALIAS: Record<SearchType, string> = { project: 'p', snippet: 's', analysis: 'a', intake: 'i', user: 'u' };

/** The current documents for these ids; ids with no row (deleted) are simply absent. */
export async function loadDocuments(type: SearchType, ids: string[], transaction?: Transaction): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const rows = await db().query<Loaded>(`${SOURCES[type]} WHERE ${ALIAS[type]}.id = ANY($1::uuid[])`, { bind: [ids], type: QueryTypes.SELECT, transaction });
  return rows.map((r) => toDocument(type, r));
}

/** One keyset page of the rows of a type with ids after `after` and up to `upTo` (null: no bound), for reindex. */
export async function loadDocumentPage(type: SearchType, after: string | null, upTo: string | null, limit: number, transaction?: Transaction): Promise<SearchDocument[]> {
  const a = ALIAS[type];
  const rows = await db().query<Loaded>(
    `${SOURCES[type]} WHERE ($1::uuid IS NULL OR ${a}.id > $1::uuid) AND ($2::uuid IS NULL OR ${a}.id <= $2::uuid) ORDER BY ${a}.id LIMIT $3`,
    { bind: [after, upTo, limit], type: QueryTypes.SELECT, transaction },
  );
  return rows.map((r) => toDocument(type, r));
}

export async function countSources(): Promise<number> {
  const [row] = await db().query<{ n: number }>(
    `SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM snippets) + (SELECT count(*) FROM analyses)
          + (SELECT count(*) FROM intakes) + (SELECT count(*) FROM users) AS n`,
    { type: QueryTypes.SELECT },
  );
  return Number(row.n);
}

function toDocument(type: SearchType, r: Loaded): SearchDocument {
  const body = r.body ?? '';
  return {
    id: docId(type, r.id),
    type,
    sourceId: r.id,
    title: r.title,
    body,
    extra: r.extra ?? '',
    terms: codeTerms(`${r.title} ${r.extra ?? ''} ${body}`),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    status: r.status,
    date: new Date(r.date).toISOString(),
    meta: r.meta ?? {},
  };
}
