import { plainSelect } from '../../../db/plain-query';

interface LexemeStats {
  /** search_documents' row count as of the last ANALYZE. */
  rows: number;
  /** Share of documents containing each lexeme, for the lexemes in at least ~0.25 % of them. */
  share: Map<string, number>;
  /** The lowest share listed (0 without statistics). */
  minShare: number;
  loadedAt: number;
}

/** How a search across every customer uses the full-text index (see matchSql in postgres.ts). */
export interface IndexPlan {
  /** Documents the index hands over, to be read and checked. */
  candidates: number;
  /** Documents among them that match every word, to be ranked. */
  matches: number;
  /** Whether the last (prefix) word goes to the index too, or is checked on the rows the others found. */
  prefixInIndex: boolean;
}

/** A prefix whose words are in fewer documents than this share is cheap for the index to gather. */
const RARE_PREFIX = 0.01;

/**
 * How many documents the full-text index hands over for a search across every customer, before the rows
 * are read: the figures come from the statistics ANALYZE keeps on search_documents.tsv (its most common
 * lexemes and the share of documents holding each), the same ones PostgreSQL's planner uses. They are read
 * once and kept for a few minutes, so deciding costs no round trip. A word missing from them is in fewer
 * documents than the rarest listed one, which is taken as its share.
 */
export class CandidateEstimator {
  private stats?: LexemeStats;
  private loading?: Promise<LexemeStats>;

  constructor(private readonly keepMs = 5 * 60_000) {}

  /**
   * Whole words always go to the index. The prefix goes too when its words are rare (the index then skips
   * through the other words' postings) or when it is the only word; a common prefix is checked on the rows
   * the whole words found, since the index would first gather every posting of every word it begins.
   * Words are taken as independent.
   */
  async plan(wholeWords: string[], prefix: string): Promise<IndexPlan> {
    const { rows, share, minShare } = await this.load();
    let prefixShare = 0;
    for (const [lexeme, s] of share) if (lexeme.startsWith(prefix)) prefixShare += s;
    prefixShare = Math.min(1, prefixShare || minShare);
    const prefixInIndex = !wholeWords.length || prefixShare <= RARE_PREFIX;
    const whole = wholeWords.reduce((n, w) => n * (share.get(w) ?? minShare), rows);
    const candidates = whole * (prefixInIndex ? prefixShare : 1);
    return { candidates, matches: whole * prefixShare, prefixInIndex };
  }

  /** Drops the kept figures (after a rebuild, whose ANALYZE renewed them). */
  forget(): void {
    this.stats = undefined;
  }

  private async load(): Promise<LexemeStats> {
    if (this.stats && Date.now() - this.stats.loadedAt < this.keepMs) return this.stats;
    this.loading ??= read()
      .then((s) => (this.stats = s))
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}

async function read(): Promise<LexemeStats> {
  const [row] = await plainSelect<{ rows: number; lexemes: string[] | null; shares: number[] | null }>(
    `SELECT greatest(c.reltuples, 0)::float8 AS rows, s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs::float8[] AS shares
       FROM pg_class c
       LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = 'tsv'
      WHERE c.oid = 'search_documents'::regclass`,
  );
  const share = new Map<string, number>();
  // the shares array ends with the lowest and highest share (and may carry more after them): pair by lexeme
  (row?.lexemes ?? []).forEach((lexeme, i) => share.set(lexeme, Number(row!.shares![i])));
  return { rows: Number(row?.rows ?? 0), share, minShare: share.size ? Math.min(...share.values()) : 0, loadedAt: Date.now() };
}
