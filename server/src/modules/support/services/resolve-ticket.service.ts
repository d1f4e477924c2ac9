import { AppError } from '../../../http/errors';
import type { AuditActor } from '../../admin/audit';
import { findTicket } from '../ticket-store';
import { updateTicket } from './update-ticket.service';

/** Marks a ticket resolved (the customer is told and may rate it); a closed ticket cannot be resolved again. */
export async function resolveTicket(actor: AuditActor, ticketId: string) {
  const ticket = await findTicket(ticketId);
  if (ticket.status === 'closed') throw AppError.conflict('ticket_closed', 'This ticket is already closed.');
  if (ticket.status === 'resolved') throw AppError.conflict('already_resolved', 'This ticket is already resolved.');
  return updateTicket(actor, ticketId, { status: 'resolved' });
}
