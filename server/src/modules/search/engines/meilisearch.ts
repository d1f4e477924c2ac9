import { Meilisearch, MeilisearchApiError, type Index, type Task } from 'meilisearch';
import { queryWords } from '../code-terms';
import type { EngineQuery, EngineResult, SearchDocument, SearchEngine, SearchFilters, SearchType } from '../search-engine';

/** What Meilisearch stores: the document plus a numeric date it can filter and sort on. */
type MeiliDoc = SearchDocument & { dateTs: number };

export interface MeiliOptions {
  host: string;
  apiKey?: string;
  /** Carries the environment (`socrates_production_documents`) so environments can share one server. */
  indexUid: string;
  /** How long a write waits for its task before the indexer retries it later. */
  taskTimeoutMs?: number;
}

/** Applied at every start; Meilisearch only re-indexes when they differ. */
export const MEILI_SETTINGS = {
  // order matters for the `attribute` ranking rule: a title match outranks a body match
  searchableAttributes: ['title', 'terms', 'extra', 'body'],
  filterableAttributes: ['type', 'status', 'ownerId', 'dateTs'],
  sortableAttributes: ['dateTs', 'title'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'dateTs:desc'],
};

/** The Meilisearch engine (production): the only place that constructs the Meilisearch client. */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDoc>;
  private readonly wait: { timeout: number; interval: number };

  constructor(readonly options: MeiliOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: 10_000 });
    this.index = this.client.index<MeiliDoc>(options.indexUid);
    this.wait = { timeout: options.taskTimeoutMs ?? 10_000, interval: 25 };
  }

  async setup(): Promise<void> {
    try {
      await this.client.getIndex(this.options.indexUid);
    } catch (err) {
      if (!isCode(err, 'index_not_found')) throw err;
      succeeded(await this.client.createIndex(this.options.indexUid, { primaryKey: 'id' }).waitTask(this.wait), ['index_already_exists']);
    }
    succeeded(await this.index.updateSettings(MEILI_SETTINGS).waitTask(this.wait));
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    const rows = docs.map((d) => ({ ...d, dateTs: Date.parse(d.date) }));
    succeeded(await this.index.addDocuments(rows, { primaryKey: 'id' }).waitTask(this.wait));
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    succeeded(await this.index.deleteDocuments(ids).waitTask(this.wait), ['index_not_found']);
  }

  async clear(): Promise<void> {
    succeeded(await this.index.deleteAllDocuments().waitTask(this.wait), ['index_not_found']);
  }

  async ping(): Promise<void> {
    await this.client.health();
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const words = queryWords(query.q);
    if (!words.length) return { hits: [], total: 0 };
    try {
      const res = await this.index.search(words.join(' '), {
        filter: filterExpression(query.filters),
        limit: query.limit,
        offset: query.offset,
        // every word must match, as in the PostgreSQL engine (the default drops words to find something)
        matchingStrategy: 'all',
        showRankingScore: true,
      });
      return {
        hits: res.hits.map((h) => ({ doc: fromMeili(h), score: h._rankingScore ?? 0 })),
        total: res.estimatedTotalHits ?? res.hits.length,
      };
    } catch (err) {
      if (isCode(err, 'index_not_found')) return { hits: [], total: 0 };
      throw err;
    }
  }

  async searchGroups(query: EngineQuery, types: SearchType[]): Promise<Record<string, EngineResult>> {
    const words = queryWords(query.q);
    const out: Record<string, EngineResult> = Object.fromEntries(types.map((t) => [t, { hits: [], total: 0 }]));
    if (!words.length || !types.length) return out;
    try {
      // one request for every group (Meilisearch's multi-search)
      const res = await this.client.multiSearch({
        queries: types.map((t) => ({
          indexUid: this.options.indexUid,
          q: words.join(' '),
          filter: filterExpression({ ...query.filters, types: [t] }),
          limit: query.limit,
          offset: query.offset,
          matchingStrategy: 'all' as const,
          showRankingScore: true,
        })),
      });
      res.results.forEach((r, i) => {
        out[types[i]] = { hits: r.hits.map((h) => ({ doc: fromMeili(h as MeiliDoc), score: (h as { _rankingScore?: number })._rankingScore ?? 0 })), total: r.estimatedTotalHits ?? r.hits.length };
      });
      return out;
    } catch (err) {
      if (isCode(err, 'index_not_found')) return out;
      throw err;
    }
  }

  async suggest(prefix: string, filters: SearchFilters, limit: number): Promise<string[]> {
    const words = queryWords(prefix);
    if (!words.length) return [];
    try {
      const res = await this.index.search(words.join(' '), { filter: filterExpression(filters), limit: limit * 3, attributesToRetrieve: ['title'], matchingStrategy: 'all' });
      const seen = new Map<string, string>();
      for (const h of res.hits) if (!seen.has(h.title.toLowerCase())) seen.set(h.title.toLowerCase(), h.title);
      return [...seen.values()].slice(0, limit);
    } catch (err) {
      if (isCode(err, 'index_not_found')) return [];
      throw err;
    }
  }
}

/** Filter syntax with every value quoted and escaped; only attributes listed as filterable are used. */
export function filterExpression(f: SearchFilters): string | undefined {
  const q = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const parts: string[] = [];
  if (f.types?.length) parts.push(`type IN [${f.types.map(q).join(', ')}]`);
  if (f.status) parts.push(`status = ${q(f.status)}`);
  if (f.ownerId) parts.push(`ownerId = ${q(f.ownerId)}`);
  if (f.dateFrom) parts.push(`dateTs >= ${Date.parse(f.dateFrom)}`);
  if (f.dateTo) parts.push(`dateTs < ${Date.parse(f.dateTo)}`);
  return parts.length ? parts.join(' AND ') : undefined;
}

function fromMeili(h: MeiliDoc): SearchDocument {
  return {
    id: h.id,
    type: h.type,
    sourceId: h.sourceId,
    title: h.title,
    body: h.body,
    extra: h.extra,
    terms: h.terms,
    ownerId: h.ownerId ?? null,
    ownerName: h.ownerName ?? null,
    status: h.status ?? null,
    date: h.date,
    meta: h.meta ?? {},
  };
}

/** A task that failed is an error (the indexer retries it), except for the codes the caller says are fine. */
function succeeded(task: Task, okCodes: string[] = []): void {
  if (task.status === 'succeeded') return;
  if (task.status === 'failed' && task.error && okCodes.includes(task.error.code)) return;
  throw new Error(`meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim());
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof MeilisearchApiError && err.cause?.code === code;
}
