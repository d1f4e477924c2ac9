import { db } from '../../db/sequelize';
import { paginate, parseListQuery, selectRows, type ListSpec } from '../../http/list-query';
import { AppError } from '../../http/errors';
import { Project, PROJECT_STATUSES, type ProjectStatus } from './project.models';
import { presentProject } from './project.presenter';
import { findOwned } from './owned';
import { assertWithinLimit, recordUsage } from '../billing/usage';
import { track } from '../analytics/track';

export const projectsListSpec: ListSpec = {
  fields: { status: { type: 'enum', values: PROJECT_STATUSES }, name: { type: 'string' }, createdAt: { type: 'date' }, updatedAt: { type: 'date' } },
  sortable: ['createdAt', 'updatedAt', 'name', 'completionPercentage'],
  defaultSort: ['updatedAt', 'desc'],
  search: ['name', 'description'],
};

/** Computed columns: each project's snippet and analysis counts. */
export const projectCounts = {
  snippetCount: '(SELECT count(*)::int FROM snippets s WHERE s.project_id = t.id)',
  analysisCount: '(SELECT count(*)::int FROM analyses a WHERE a.project_id = t.id)',
};

export interface ProjectInput {
  name: string;
  description?: string;
  status?: ProjectStatus;
  completionPercentage?: number;
}

/** The owner's projects, one page. */
export async function listProjects(ownerId: string, query: Record<string, unknown>) {
  const page = await paginate(Project, parseListQuery(query, projectsListSpec), { where: { ownerId }, extra: projectCounts });
  return { ...page, rows: page.rows.map(presentProject) };
}

/** One of the owner's projects with its counts. */
export async function getProject(ownerId: string, id: string) {
  const [project] = await selectRows(Project, { where: { id, ownerId }, extra: projectCounts });
  if (!project) throw AppError.notFound('Project');
  return presentProject(project);
}

/** Creates a project for the owner, within the plan's project limit. */
export async function createProject(ownerId: string, input: ProjectInput) {
  const project = await db().transaction(async (transaction) => {
    await assertWithinLimit(transaction, ownerId, 'projects_created');
    const p = await Project.create({ ownerId, ...input }, { transaction });
    await recordUsage(transaction, { userId: ownerId, metric: 'projects_created', quantity: 1, idempotencyKey: `project:${p.id}` });
    await track({ type: 'project_created', userId: ownerId, projectId: p.id }, transaction);
    return p;
  });
  return getProject(ownerId, project.id);
}

/** Changes some fields of the owner's project. */
export async function updateProject(ownerId: string, id: string, input: Partial<ProjectInput>) {
  await db().transaction(async (transaction) => {
    const project = await findOwned(Project, id, ownerId, 'Project', { transaction, lock: true });
    await project.update(input, { transaction });
  });
  return getProject(ownerId, id);
}

/** Deletes the owner's project with its snippets and analyses. */
export async function deleteProject(ownerId: string, id: string): Promise<void> {
  await db().transaction(async (transaction) => {
    const project = await findOwned(Project, id, ownerId, 'Project', { transaction, lock: true });
    await project.destroy({ transaction });
  });
}
