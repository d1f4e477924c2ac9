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
    createdAt: a.createdAt.toISOString(),
  };
}
