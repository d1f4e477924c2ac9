import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { findAccount } from '../../auth/accounts';
import { presentUser } from '../../users/user.presenter';
import { AuditLog } from '../admin.models';
import { Project } from '../../projects/project.models';
import { presentProject } from '../../projects/project.presenter';
import { projectCounts } from '../../projects/projects.service';
import { selectRows } from '../../../http/list-query';
import { presentAudit } from '../audit.presenter';

/** One user with activity counts, recent projects and the audit entries about them. */
export async function getUserDetail(id: string) {
  const account = await findAccount({ id });
  if (!account) throw AppError.notFound('User');
  const [counts] = await db().query<{ projects: number; snippets: number; analyses: number; intakes: number }>(
    `SELECT (SELECT count(*) FROM projects WHERE owner_id = $1)::int AS projects,
            (SELECT count(*) FROM snippets WHERE owner_id = $1)::int AS snippets,
            (SELECT count(*) FROM analyses WHERE owner_id = $1)::int AS analyses,
            (SELECT count(*) FROM intakes WHERE owner_id = $1)::int AS intakes`,
    { bind: [id], type: QueryTypes.SELECT },
  );
  const [projects, auditRows, extra] = await Promise.all([
    selectRows(Project, { where: { ownerId: id }, extra: projectCounts, orderBy: 'updatedAt', limit: 10 }),
    AuditLog.findAll({ where: { targetType: 'user', targetId: id }, order: [['createdAt', 'DESC']], limit: 20 }),
    db().query<{ permissions: string[] }>('SELECT permissions FROM admin_users WHERE user_id = $1', { bind: [id], type: QueryTypes.SELECT }),
  ]);
  return {
    ...presentUser(account),
    extraPermissions: extra[0]?.permissions ?? [],
    projectCount: counts.projects,
    snippetCount: counts.snippets,
    analysisCount: counts.analyses,
    intakeCount: counts.intakes,
    recentProjects: projects.map((p) => presentProject(p)),
    recentAudit: auditRows.map(presentAudit),
  };
}
