import { UniqueConstraintError } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { CannedResponse } from '../support.models';
import { placeholderValues, renderPlaceholders, unknownPlaceholders } from '../placeholders';
import { findTicket, personOf } from '../ticket-store';

const present = (c: CannedResponse) => ({ id: c.id, title: c.title, content: c.content, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });

function checkPlaceholders(content: string | undefined): void {
  if (content === undefined) return;
  const unknown = unknownPlaceholders(content);
  if (unknown.length) throw AppError.validation({ content: [`Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `{{${u}}}`).join(', ')}`] });
}

const duplicate = (err: unknown) => {
  if (err instanceof UniqueConstraintError) return AppError.conflict('already_exists', 'A canned response with this title exists', { title: ['A canned response with this title exists'] });
  return err;
};

/** Every canned response, by title. */
export async function listCannedResponses() {
  return (await CannedResponse.findAll({ order: [['title', 'ASC']] })).map(present);
}

export async function getCannedResponse(id: string) {
  const c = await CannedResponse.findByPk(id);
  if (!c) throw AppError.notFound('Canned response');
  return present(c);
}

/** Creates a canned response; placeholders must be known ones. */
export async function createCannedResponse(actor: AuditActor, input: { title: string; content: string }) {
  checkPlaceholders(input.content);
  try {
    return await db().transaction(async (transaction) => {
      const c = await CannedResponse.create({ title: input.title.trim(), content: input.content, createdBy: actor.id }, { transaction });
      await audit(actor, { action: 'canned_response.create', targetType: 'canned_response', targetId: c.id, after: present(c) }, transaction);
      return present(c);
    });
  } catch (err) {
    throw duplicate(err);
  }
}

/** Edits a canned response's title and/or text. */
export async function updateCannedResponse(actor: AuditActor, id: string, input: { title?: string; content?: string }) {
  checkPlaceholders(input.content);
  try {
    return await db().transaction(async (transaction) => {
      const c = await CannedResponse.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!c) throw AppError.notFound('Canned response');
      const before = present(c);
      await c.update({ ...(input.title !== undefined ? { title: input.title.trim() } : {}), ...(input.content !== undefined ? { content: input.content } : {}) }, { transaction });
      await audit(actor, { action: 'canned_response.update', targetType: 'canned_response', targetId: c.id, before, after: present(c) }, transaction);
      return present(c);
    });
  } catch (err) {
    throw duplicate(err);
  }
}

/** Deletes a canned response (messages already sent keep their text). */
export async function deleteCannedResponse(actor: AuditActor, id: string): Promise<void> {
  await db().transaction(async (transaction) => {
    const c = await CannedResponse.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!c) throw AppError.notFound('Canned response');
    await c.destroy({ transaction });
    await audit(actor, { action: 'canned_response.delete', targetType: 'canned_response', targetId: id, before: present(c) }, transaction);
  });
}

/** Every canned response rendered for one ticket and the agent answering it: what the reply box inserts. */
export async function cannedResponsesForTicket(ticketId: string, agent: { name: string }) {
  const ticket = await findTicket(ticketId);
  const customer = await personOf(ticket.customerId);
  const values = placeholderValues({ customerName: customer?.name ?? 'there', customerEmail: customer?.email ?? '', agentName: agent.name, ticketNumber: ticket.number, ticketSubject: ticket.subject });
  return (await CannedResponse.findAll({ order: [['title', 'ASC']] })).map((c) => ({ ...present(c), rendered: renderPlaceholders(c.content, values) }));
}
