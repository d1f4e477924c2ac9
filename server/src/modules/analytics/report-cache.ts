import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';

/**
 * The admin reports read nothing but rollups, which change when a rollup runs (nightly, or a backfill).
 * So each report is computed once per rollup version and query, and served from memory until the next
 * rollup commits. The minute's limit bounds what a cached report can miss otherwise (a customer deleted
 * since, whose rows the cascade removed).
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  version: string;
  at: number;
  value: Promise<unknown>;
}
const entries = new Map<string, Entry>();

/** Moves the rollups' version on; called inside the transaction that rewrote them, so readers see both together. */
export async function bumpRollupVersion(t: Transaction): Promise<void> {
  await db().query(
    `INSERT INTO analytics_rollup_state (id, generation, rolled_up_at) VALUES (true, 1, clock_timestamp())
     ON CONFLICT (id) DO UPDATE SET generation = analytics_rollup_state.generation + 1, rolled_up_at = clock_timestamp()`,
    { transaction: t },
  );
}

async function rollupVersion(): Promise<string> {
  const [row] = await db().query<{ v: string }>(`SELECT generation || '@' || rolled_up_at AS v FROM analytics_rollup_state`, { type: QueryTypes.SELECT });
  return row?.v ?? 'none';
}

/**
 * The report for `key` (its name and resolved query), computed by `compute` unless a result for the current
 * rollup version is at most a minute old. Concurrent loads of the same report share one computation.
 */
export async function cachedReport<T>(key: string, compute: () => Promise<T>): Promise<T> {
  // Read before computing: a rollup committing meanwhile moves the version on, so a result computed from
  // the older rollups is never kept under the newer version.
  const version = await rollupVersion();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.version === version && now - hit.at < MAX_AGE_MS) return hit.value as Promise<T>;
  const entry: Entry = { version, at: now, value: compute() };
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
  return entry.value as Promise<T>;
}
