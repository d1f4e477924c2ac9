import type { AuditActor } from '../../admin/audit';
import { updateTicket } from './update-ticket.service';

/** Marks a ticket resolved (the customer is told and may rate it); a resolved or closed ticket answers 409. */
export async function resolveTicket(actor: AuditActor, ticketId: string) {
  return updateTicket(actor, ticketId, { status: 'resolved' }, { resolving: true });
}
