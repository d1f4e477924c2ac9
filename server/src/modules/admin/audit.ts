import type { Transaction } from 'sequelize';
import type { Request } from 'express';
import { AuditLog } from './admin.models';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  id: string | null;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** The actor of a request, for audit rows. */
export function actorOf(req: Request): AuditActor {
  return { id: req.auth?.user.id ?? null, email: req.auth?.user.email ?? null, ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 500) ?? null };
}

/** The audit_logs row for an actor's entry (the time and the hash chain come from the database). */
export function auditRow(actor: AuditActor, entry: AuditEntry) {
  return {
    actorId: actor.id,
    actorEmail: actor.email,
    ip: actor.ip,
    userAgent: actor.userAgent,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

/** Writes one audit row; every admin mutation calls it inside its own transaction. */
export async function audit(actor: AuditActor, entry: AuditEntry, transaction: Transaction): Promise<void> {
  await AuditLog.create(auditRow(actor, entry), { transaction });
}
