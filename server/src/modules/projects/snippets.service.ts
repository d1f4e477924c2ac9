import { randomUUID } from 'node:crypto';
import { db } from '../../db/sequelize';
import { paginate, parseListQuery, type ListSpec } from '../../http/list-query';
import { LANGUAGES, Project, Snippet } from './project.models';
import { presentSnippet } from './project.presenter';
import { findOwned } from './owned';
import { assertWithinLimit, recordUsage } from '../billing/usage';
import { track } from '../analytics/track';

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

/** Stores a snippet in one of the owner's projects, within the plan's storage limit. */
export async function createSnippet(ownerId: string, projectId: string, input: SnippetInput) {
  const sizeBytes = Buffer.byteLength(input.content, 'utf8');
  const snippet = await db().transaction(async (transaction) => {
    const project = await findOwned(Project, projectId, ownerId, 'Project', { transaction, lock: true });
    await assertWithinLimit(transaction, ownerId, 'storage_bytes', sizeBytes);
    const s = await Snippet.create({ ...input, projectId, ownerId, sizeBytes }, { transaction });
    await recordUsage(transaction, { userId: ownerId, metric: 'storage_bytes', quantity: sizeBytes, idempotencyKey: `snippet:${s.id}` });
    await track({ type: 'snippet_created', userId: ownerId, projectId, properties: { language: input.language, sizeBytes } }, transaction);
    project.changed('updatedAt', true);
    await project.save({ transaction });
    return s;
  });
  return presentSnippet(snippet);
}

/** Changes a snippet; content that grows counts against the plan's storage limit. */
export async function updateSnippet(ownerId: string, id: string, input: Partial<SnippetInput>) {
  const snippet = await db().transaction(async (transaction) => {
    const s = await findOwned(Snippet, id, ownerId, 'Snippet', { transaction, lock: true });
    const growth = input.content === undefined ? 0 : Buffer.byteLength(input.content, 'utf8') - s.sizeBytes;
    if (growth > 0) await assertWithinLimit(transaction, ownerId, 'storage_bytes', growth);
    const updated = await s.update({ ...input, ...(input.content !== undefined ? { sizeBytes: s.sizeBytes + growth } : {}) }, { transaction });
    // The limit is measured from the snippets held (a standing allowance); usage records are the trail of bytes
    // stored, one per committed change, so the key is unique per transaction.
    if (growth > 0) await recordUsage(transaction, { userId: ownerId, metric: 'storage_bytes', quantity: growth, idempotencyKey: `snippet:${s.id}:grow:${randomUUID()}` });
    return updated;
  });
  return presentSnippet(snippet);
}

export async function deleteSnippet(ownerId: string, id: string): Promise<void> {
  await db().transaction(async (transaction) => {
    const s = await findOwned(Snippet, id, ownerId, 'Snippet', { transaction, lock: true });
    await s.destroy({ transaction });
  });
}
