import type { Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { enqueueJob } from '../../jobs/queue';
import { logger } from '../../lib/logger';
import type { SearchType } from './search-engine';

export const SEARCH_INDEX_JOB = 'search.index';

/**
 * Records that searchable rows changed, in the caller's transaction: the outbox row exists exactly when
 * the change commits, and the indexer job is sent after the commit so the change is searchable in about
 * a second. Without a transaction the row is written (and the job sent) at once.
 */
export async function recordSearchChange(type: SearchType, sourceIds: string[], transaction?: Transaction | null): Promise<void> {
  if (!sourceIds.length) return;
  await db().query(`INSERT INTO search_outbox (doc_type, source_id) SELECT $1, unnest($2::uuid[])`, { bind: [type, sourceIds], transaction: transaction ?? undefined });
  afterCommit(transaction);
}

/**
 * Every document a customer owns (their name shows on each hit; an erased account's content is blanked),
 * selected in SQL so thousands of rows cost one statement.
 */
export async function recordOwnerChange(ownerId: string, transaction?: Transaction | null): Promise<void> {
  await db().query(
    `INSERT INTO search_outbox (doc_type, source_id)
       SELECT 'project', id FROM projects WHERE owner_id = $1
       UNION ALL SELECT 'snippet', id FROM snippets WHERE owner_id = $1
       UNION ALL SELECT 'analysis', id FROM analyses WHERE owner_id = $1
       UNION ALL SELECT 'intake', id FROM intakes WHERE owner_id = $1
       UNION ALL SELECT 'user', $1::uuid`,
    { bind: [ownerId], transaction: transaction ?? undefined },
  );
  afterCommit(transaction);
}

/** A project's snippets and analyses go with it (ON DELETE CASCADE fires no model hooks). */
export async function recordProjectChildren(projectId: string, transaction?: Transaction | null): Promise<void> {
  await db().query(
    `INSERT INTO search_outbox (doc_type, source_id)
       SELECT 'snippet', id FROM snippets WHERE project_id = $1
       UNION ALL SELECT 'analysis', id FROM analyses WHERE project_id = $1`,
    { bind: [projectId], transaction: transaction ?? undefined },
  );
  afterCommit(transaction);
}

const kicked = new WeakSet<Transaction>();

function afterCommit(transaction?: Transaction | null): void {
  if (!transaction) return void kickIndexer();
  if (kicked.has(transaction)) return;
  kicked.add(transaction);
  transaction.afterCommit(() => kickIndexer());
}

let pending: Promise<void> | null = null;

/**
 * Sends one drain job for a burst of changes. Losing this job loses nothing: the rows stay in the outbox
 * and the minute schedule drains them.
 */
export function kickIndexer(): Promise<void> {
  pending ??= new Promise<void>((resolve) => setTimeout(resolve, 20))
    .then(() => {
      pending = null;
      return enqueueJob(SEARCH_INDEX_JOB, {});
    })
    .catch((err) => {
      pending = null;
      logger.debug({ err }, 'search: indexer job not sent (the schedule drains the outbox)');
    });
  return pending;
}
