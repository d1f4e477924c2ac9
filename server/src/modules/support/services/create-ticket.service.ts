import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { SlaPolicy, SupportTicket, type TicketPriority } from '../support.models';
import { dueTimes } from '../sla';
import { customerTierOf, personOf } from '../ticket-store';
import { pickAssignee } from './auto-assign';
import { notifyAssigned } from '../notifications';
import { track } from '../../analytics/track';

export interface CreateTicketInput {
  customerId: string;
  subject: string;
  description: string;
  priority?: TicketPriority;
  errorId?: string | null;
}

/** Opens a ticket: SLA due times from the policy (tighter with priority support) and a round-robin assignee. */
export async function createTicket(input: CreateTicketInput, opts: { actor?: AuditActor } = {}): Promise<SupportTicket> {
  return db().transaction(async (transaction) => {
    const ticket = await openTicket(input, transaction);
    if (opts.actor) await audit(opts.actor, { action: 'support_ticket.create', targetType: 'support_ticket', targetId: ticket.id, after: { number: ticket.number, customerId: ticket.customerId, subject: ticket.subject, priority: ticket.priority } }, transaction);
    return ticket;
  });
}

async function openTicket(input: CreateTicketInput, transaction: Transaction): Promise<SupportTicket> {
  const customer = await personOf(input.customerId, transaction);
  if (!customer) throw AppError.validation({ customerId: ['No such customer'] });
  const priority = input.priority ?? 'normal';
  const { tier, prioritySupport } = await customerTierOf(input.customerId, transaction);
  const policy = await SlaPolicy.findByPk(priority, { transaction });
  if (!policy) throw new Error(`No SLA policy for priority ${priority}`);
  const now = clock.now();
  const assigneeId = await pickAssignee(transaction);
  const ticket = await SupportTicket.create(
    {
      customerId: input.customerId,
      subject: input.subject.trim(),
      description: input.description.trim(),
      priority,
      prioritySupport,
      customerTier: tier,
      assigneeId,
      errorId: input.errorId?.trim() || null,
      ...dueTimes(now, policy, prioritySupport),
      lastMessageAt: now,
      createdAt: now,
      updatedAt: now,
    },
    { transaction },
  );
  if (assigneeId) await notifyAssigned(ticket, transaction);
  await track({ type: 'ticket_created', userId: input.customerId, properties: { ticketId: ticket.id, priority: ticket.priority, tier } }, transaction);
  return ticket;
}
