import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';

export interface ChainReport {
  intact: boolean;
  checkedRows: number;
  checkedAt: string;
  /** The first row that does not fit the chain, oldest first. */
  firstBroken: { id: string; seq: number; createdAt: string; action: string; problem: 'content_changed' | 'previous_row_missing_or_changed' } | null;
}

/**
 * Re-computes every audit row's hash in chain order: a row whose content changed no longer matches its
 * own hash, and a deleted (or re-hashed) row leaves the next row pointing at a hash that is not its
 * predecessor's. Reports the first such row.
 */
export async function verifyAuditChain(): Promise<ChainReport> {
  const [row] = await db().query<{ checked: string; id: string | null; seq: string | null; created_at: Date | null; action: string | null; content_ok: boolean | null }>(
    `WITH chain AS (
       SELECT t.id, t.seq, t.created_at, t.action, t.hash, t.prev_hash,
              lag(t.hash) OVER (ORDER BY t.seq) AS expected_prev,
              audit_row_hash(t.prev_hash, t) AS recomputed
         FROM audit_logs t
     ), broken AS (
       SELECT id, seq, created_at, action, recomputed = hash AS content_ok
         FROM chain
        WHERE recomputed IS DISTINCT FROM hash OR prev_hash IS DISTINCT FROM expected_prev
        ORDER BY seq LIMIT 1
     )
     SELECT (SELECT count(*) FROM chain) AS checked, b.* FROM (SELECT 1) one LEFT JOIN broken b ON TRUE`,
    { type: QueryTypes.SELECT },
  );
  const checkedRows = Number(row.checked);
  const checkedAt = clock.now().toISOString();
  if (!row.id) return { intact: true, checkedRows, checkedAt, firstBroken: null };
  return {
    intact: false,
    checkedRows,
    checkedAt,
    firstBroken: {
      id: row.id,
      seq: Number(row.seq),
      createdAt: new Date(row.created_at!).toISOString(),
      action: row.action!,
      problem: row.content_ok ? 'previous_row_missing_or_changed' : 'content_changed',
    },
  };
}
