import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { audit, type AuditActor } from '../../admin/audit';
import { ErrorGroup, type GroupStatus } from '../observability.models';
import { presentGroup } from '../observability.presenter';

/** Resolves, ignores or reopens an error group; audited. Resolving clears the regression flag. */
export async function updateErrorGroupStatus(actor: AuditActor, id: string, status: GroupStatus) {
  return db().transaction(async (transaction) => {
    const group = await ErrorGroup.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!group) throw AppError.notFound('Error group');
    const before = { status: group.status, regressed: group.regressed };
    if (group.status === status) return presentGroup(group.get({ plain: true }));
    const now = clock.now();
    group.status = status;
    group.resolvedAt = status === 'resolved' ? now : null;
    group.resolvedBy = status === 'resolved' ? actor.id : null;
    if (status === 'resolved') group.regressed = false;
    group.updatedAt = now;
    await group.save({ transaction });
    await audit(actor, { action: `error_group.${status}`, targetType: 'error_group', targetId: id, before, after: { status, regressed: group.regressed } }, transaction);
    return presentGroup(group.get({ plain: true }));
  });
}
