import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import { AuditLog } from '../admin.models';
import { presentAudit } from '../audit.presenter';
import { withAuditNames } from './audit-names';

export const auditLogListSpec: ListSpec = {
  fields: {
    action: { type: 'string' },
    actorId: { type: 'uuid' },
    actorEmail: { type: 'string' },
    targetType: { type: 'string' },
    targetId: { type: 'string' },
    createdAt: { type: 'date' },
  },
  sortable: ['createdAt', 'action', 'seq'],
  // chain order: timestamps of one transaction tie, seq never does
  defaultSort: ['seq', 'desc'],
  search: ['action', 'actorEmail', 'targetId'],
};

/** The audit trail, newest first, in the simple-rest list contract; each entry names its actor, its target and the users its values hold (withAuditNames). */
export async function listAuditLog(query: Record<string, unknown>) {
  const page = await paginate(AuditLog, parseListQuery(query, auditLogListSpec));
  return { ...page, rows: await withAuditNames(page.rows.map(presentAudit)) };
}

