import { z } from 'zod';
import { AppError } from '../../../http/errors';
import { User } from '../../users/user.models';
import type { AuditActor } from '../audit';
import { reactivateUser } from './reactivate-user.service';
import { suspendUser } from './suspend-user.service';

export const bulkBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('suspend'), ids: z.array(z.string().uuid()).min(1).max(200), reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500) }),
  z.strictObject({ action: z.literal('reactivate'), ids: z.array(z.string().uuid()).min(1).max(200) }),
  z.strictObject({ action: z.literal('export'), ids: z.array(z.string().uuid()).min(1).max(200) }),
]);
export type BulkInput = z.infer<typeof bulkBody>;

export interface BulkItemResult {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/**
 * Runs one action over a selection of users, each in its own transaction, so one refusal (yourself, a
 * super admin, already suspended) does not undo the others; every item reports its own outcome.
 * "export" checks the ids and answers the CSV link for the ones that exist.
 */
export async function bulkUsers(actor: AuditActor & { id: string }, permissions: Set<string>, input: BulkInput): Promise<{ results: BulkItemResult[]; succeeded: number; failed: number; downloadUrl?: string }> {
  if (input.action !== 'export' && !permissions.has('users.suspend')) throw AppError.forbidden('This needs the "users.suspend" permission');
  const ids = [...new Set(input.ids)];
  const results: BulkItemResult[] = [];
  if (input.action === 'export') {
    const found = new Set((await User.findAll({ where: { id: ids }, attributes: ['id'] })).map((u) => u.id));
    for (const id of ids) results.push(found.has(id) ? { id, ok: true } : { id, ok: false, code: 'not_found', message: 'User not found' });
  } else {
    for (const id of ids) {
      try {
        if (input.action === 'suspend') await suspendUser(actor, id, input.reason);
        else await reactivateUser(actor, id);
        results.push({ id, ok: true });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ id, ok: false, code: err.code, message: err.message });
      }
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  const out = { results, succeeded, failed: results.length - succeeded };
  if (input.action !== 'export' || !succeeded) return out;
  const qs = new URLSearchParams(results.filter((r) => r.ok).map((r): [string, string] => ['id', r.id]));
  return { ...out, downloadUrl: `/api/admin/users/export.csv?${qs.toString()}` };
}
