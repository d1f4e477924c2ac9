import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { SlaPolicy, TICKET_PRIORITIES, type TicketPriority } from '../support.models';
import { effectiveTargets } from '../sla';

const present = (p: SlaPolicy) => ({
  priority: p.priority,
  firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  prioritySupport: effectiveTargets(p, true),
  updatedAt: p.updatedAt.toISOString(),
});

/** The SLA targets, most urgent first, with the tighter targets priority support gets. */
export async function listSlaPolicies() {
  const rows = await SlaPolicy.findAll();
  return rows.sort((a, b) => TICKET_PRIORITIES.indexOf(b.priority) - TICKET_PRIORITIES.indexOf(a.priority)).map(present);
}

export interface SlaPolicyChange {
  priority: TicketPriority;
  firstResponseMinutes?: number;
  resolutionMinutes?: number;
}

/** Changes the targets of some priorities; new tickets use them (open tickets keep their due times). */
export async function updateSlaPolicies(actor: AuditActor, changes: SlaPolicyChange[]) {
  await db().transaction(async (transaction) => {
    for (const change of changes) {
      const p = await SlaPolicy.findByPk(change.priority, { transaction, lock: transaction.LOCK.UPDATE });
      if (!p) throw AppError.notFound('SLA policy');
      const first = change.firstResponseMinutes ?? p.firstResponseMinutes;
      const resolution = change.resolutionMinutes ?? p.resolutionMinutes;
      if (resolution < first) throw AppError.validation({ [`${change.priority}.resolutionMinutes`]: ['Resolution cannot be due before the first response'] });
      const before = { firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes };
      await p.update({ firstResponseMinutes: first, resolutionMinutes: resolution }, { transaction });
      await audit(actor, { action: 'sla_policy.update', targetType: 'sla_policy', targetId: p.priority, before, after: { firstResponseMinutes: first, resolutionMinutes: resolution } }, transaction);
    }
  });
  return listSlaPolicies();
}
