import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { newToken } from '../../../lib/tokens';
import { revokeUserSessions } from '../../auth/session.service';
import { recordOwnerChange } from '../../search/outbox';
import { audit, type AuditActor } from '../audit';
import { assertActionable, lockTarget } from './account-target';

export const ERASED_NAME = 'Deleted user';
/** The placeholder address of an erased account: unique, and `.invalid` can never receive mail. */
export const erasedEmail = (id: string) => `deleted-${id}@erased.invalid`;

// Personal content, table by table. Invoices, subscriptions and billing accounts stay: the books need them.
const ERASE_CONTENT: Array<[table: string, sql: string]> = [
  ['projects', `UPDATE projects SET name = 'Deleted project', description = '' WHERE owner_id = $1`],
  ['snippets', `UPDATE snippets SET filename = 'deleted', content = '', size_bytes = 0 WHERE owner_id = $1`],
  ['analyses', `UPDATE analyses SET snippet_filename = 'deleted', summary = NULL, findings = '[]', error = NULL WHERE owner_id = $1`],
  ['intakes', `UPDATE intakes SET customer_name = 'Deleted', company = '', email = 'deleted@erased.invalid', notes = '' WHERE owner_id = $1`],
  ['support_tickets', `UPDATE support_tickets SET subject = 'Deleted', description = '', rating_comment = NULL WHERE customer_id = $1`],
  ['ticket_messages', `UPDATE ticket_messages SET content = '(deleted)' WHERE author_id = $1`],
  ['local_gateway_customers', `UPDATE local_gateway_customers SET name = $2, email = $3 WHERE user_id = $1`],
  ['password_reset_tokens', `DELETE FROM password_reset_tokens WHERE user_id = $1`],
  // what they typed into search (the query reports lose these rows, as they should)
  ['search_queries', `DELETE FROM search_queries WHERE user_id = $1`],
  ['saved_searches', `DELETE FROM saved_searches WHERE user_id = $1`],
];

export interface EraseResult {
  id: string;
  deletedAt: string;
  alreadyDeleted: boolean;
}

/**
 * Erases an account's personal data (name, e-mail, project/snippet/intake/ticket content, search history and
 * saved searches) and ends its
 * sessions, keeping the row so invoices still add up. Erasing an erased account changes nothing.
 */
export async function eraseUser(actor: AuditActor & { id: string }, userId: string): Promise<EraseResult> {
  return db().transaction(async (transaction) => {
    const target = await lockTarget(userId, transaction);
    if (target.deletedAt) return { id: userId, deletedAt: target.deletedAt.toISOString(), alreadyDeleted: true };
    assertActionable(actor.id, target, 'delete');
    if (target.role !== 'customer') throw AppError.conflict('target_is_admin', 'Revoke the admin role before deleting this account.');
    const now = clock.now();
    // A random hash that no password can match: the account can never sign in again.
    const unusable = `erased$${newToken().hash}`;
    await db().query(`UPDATE users SET name = $2, email = $3, password_hash = $4, status = 'suspended', deleted_at = $5, updated_at = $5 WHERE id = $1`, {
      bind: [userId, ERASED_NAME, erasedEmail(userId), unusable, now],
      transaction,
    });
    const erased: Record<string, number> = {};
    for (const [table, sql] of ERASE_CONTENT) erased[table] = await run(sql, table, userId, transaction);
    // Raw SQL fires no model hooks: tell search that every document of this owner changed.
    await recordOwnerChange(userId, transaction);
    const sessionsEnded = await revokeUserSessions(userId, { transaction });
    // No personal data in the audit row either: only what happened and how much.
    await audit(actor, { action: 'user.deleted', targetType: 'user', targetId: userId, before: { status: target.status, deleted: false }, after: { status: 'suspended', deleted: true, sessionsEnded, erased } }, transaction);
    return { id: userId, deletedAt: now.toISOString(), alreadyDeleted: false };
  });
}

async function run(sql: string, table: string, userId: string, transaction: Transaction): Promise<number> {
  // Tables of optional modules may be absent on an older schema.
  const [{ present }] = await db().query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, { bind: [table], type: QueryTypes.SELECT, transaction });
  if (!present) return 0;
  const bind = sql.includes('$3') ? [userId, ERASED_NAME, erasedEmail(userId)] : [userId];
  const [, meta] = await db().query(sql, { bind, transaction });
  return (meta as { rowCount?: number })?.rowCount ?? 0;
}
