import type { Transaction } from 'sequelize';
import type { WordCandidates } from './spelling';

/** The kinds of rows that can be found. `user` documents are only ever returned to admins. */
export const SEARCH_TYPES = ['project', 'snippet', 'analysis', 'intake', 'user'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * One searchable row as both engines store it. `title`/`body`/`extra` hold the original text (shown and
 * highlighted); `terms` holds the code-aware expansion (camelCase, snake_case and dotted names split into
 * words) that makes "invoice total" find `parseInvoiceTotal`.
 */
export interface SearchDocument {
  /** `${type}-${sourceId}` — unique across types (Meilisearch ids allow only [A-Za-z0-9_-]). */
  id: string;
  type: SearchType;
  sourceId: string;
  title: string;
  body: string;
  extra: string;
  terms: string;
  /** The customer the row belongs to (the tenant); null for rows no customer owns (users). */
  ownerId: string | null;
  ownerName: string | null;
  status: string | null;
  /** ISO timestamp used for the date filter and "newest" ties. */
  date: string;
  /** Small values shown beside a hit (language, confidence, e-mail…). */
  meta: Record<string, string | number | null>;
}

export interface SearchFilters {
  types?: SearchType[];
  status?: string;
  ownerId?: string;
  dateFrom?: string;
  dateTo?: string;
}

export interface EngineQuery {
  q: string;
  filters: SearchFilters;
  limit: number;
  offset: number;
}

export interface EngineHit {
  doc: SearchDocument;
  score: number;
}

export interface EngineResult {
  hits: EngineHit[];
  total: number;
  /**
   * Set when the engine searched only the newest `window` documents of each type (the PostgreSQL engine,
   * for a broad search across every customer): hits and total are then those of that window.
   */
  window?: number;
}

/**
 * Writes may join the caller's database transaction: the PostgreSQL engine then writes on the same
 * connection (atomic with the outbox, and no second pool connection while a lock is held); Meilisearch
 * ignores it.
 */
export interface WriteContext {
  transaction?: Transaction;
}

/** The port both engines implement; the choice is made once from config (MEILI_HOST set → Meilisearch). */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Creates indexes and applies settings; safe to run at every start. */
  setup(): Promise<void>;
  upsert(docs: SearchDocument[], ctx?: WriteContext): Promise<void>;
  remove(ids: string[], ctx?: WriteContext): Promise<void>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** The same query once per type (limit/offset per type), in as few round trips as the engine allows. */
  searchGroups(query: EngineQuery, types: SearchType[]): Promise<Record<string, EngineResult>>;
  /** Completions for a typed prefix (titles and terms), typo-tolerant. */
  suggest(prefix: string, filters: SearchFilters, limit: number): Promise<string[]>;
  /**
   * For "did you mean" (spelling.ts), what the documents within `filters` know of each query word. An engine
   * whose searches tolerate typos by themselves (Meilisearch) has no need of it.
   */
  spellingCandidates?(words: string[], filters: SearchFilters): Promise<WordCandidates[]>;
  /**
   * Around a full rebuild into an empty engine: an engine may set aside what is cheaper to build once at
   * the end than to maintain row by row (the PostgreSQL engine's full-text and trigram indexes).
   */
  beginBulkLoad?(): Promise<void>;
  endBulkLoad?(): Promise<void>;
  /** Drops every document (the start of a full rebuild). */
  clear(ctx?: WriteContext): Promise<void>;
  /** Throws when the engine cannot answer. */
  ping(): Promise<void>;
}
