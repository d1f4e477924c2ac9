import type { InferAttributes } from 'sequelize';
import type { AuditLog } from './admin.models';

export function presentAudit(a: InferAttributes<AuditLog>) {
  return {
    id: a.id,
    actorId: a.actorId,
    actorEmail: a.actorEmail,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    before: a.before,
    after: a.after,
    ip: a.ip,
    userAgent: a.userAgent,
    seq: a.seq == null ? null : Number(a.seq),
    prevHash: a.prevHash ?? null,
    hash: a.hash ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
