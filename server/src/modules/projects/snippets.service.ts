import { db } from '../../db/sequelize';
import { paginate, parseListQuery, type ListSpec } from '../../http/list-query';
import { LANGUAGES, Project, Snippet } from './project.models';
import { presentSnippet } from './project.presenter';
import { findOwned } from './owned';

export const snippetsListSpec: ListSpec = {
  fields: { language: { type: 'enum', values: LANGUAGES }, filename: { type: 'string' } },
  sortable: ['createdAt', 'updatedAt', 'filename', 'sizeBytes'],
  defaultSort: ['createdAt', 'desc'],
  search: ['filename'],
};

export interface SnippetInput {
  filename: string;
  language: string;
  content: string;
}

/** The snippets of one of the owner's projects. */
export async function listSnippets(ownerId: string, projectId: string, query: Record<string, unknown>) {
  await findOwned(Project, projectId, ownerId, 'Project');
  const page = await paginate(Snippet, parseListQuery(query, snippetsListSpec), { where: { projectId, ownerId } });
  return { ...page, rows: page.rows.map(presentSnippet) };
}

export async function getSnippet(ownerId: string, id: string) {
  return presentSnippet(await findOwned(Snippet, id, ownerId, 'Snippet'));
}

/** Stores a snippet in one of the owner's projects. */
export async function createSnippet(ownerId: string, projectId: string, input: SnippetInput) {
  const snippet = await db().transaction(async (transaction) => {
    const project = await findOwned(Project, projectId, ownerId, 'Project', { transaction, lock: true });
    const s = await Snippet.create({ ...input, projectId, ownerId, sizeBytes: Buffer.byteLength(input.content, 'utf8') }, { transaction });
    project.changed('updatedAt', true);
    await project.save({ transaction });
    return s;
  });
  return presentSnippet(snippet);
}

export async function updateSnippet(ownerId: string, id: string, input: Partial<SnippetInput>) {
  const snippet = await db().transaction(async (transaction) => {
    const s = await findOwned(Snippet, id, ownerId, 'Snippet', { transaction, lock: true });
    return s.update({ ...input, ...(input.content !== undefined ? { sizeBytes: Buffer.byteLength(input.content, 'utf8') } : {}) }, { transaction });
  });
  return presentSnippet(snippet);
}

export async function deleteSnippet(ownerId: string, id: string): Promise<void> {
  await db().transaction(async (transaction) => {
    const s = await findOwned(Snippet, id, ownerId, 'Snippet', { transaction, lock: true });
    await s.destroy({ transaction });
  });
}
