import type { InferAttributes } from 'sequelize';
import type { SupportTicket } from './support.models';
import type { MessageRow, PersonRef } from './ticket-store';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A message as the customer sees it: never an internal note, and staff shown by name only. */
export function presentCustomerMessage(m: MessageRow) {
  if (m.internal) throw new Error('internal note passed to the customer presenter');
  return { id: m.id, author: { kind: m.authorKind, name: m.authorKind === 'agent' ? `${m.authorName ?? 'Support'} (Socrates Support)` : m.authorName ?? 'You' }, content: m.content, createdAt: iso(m.createdAt)! };
}

/** A ticket as its customer sees it (no assignee, SLA flags or notes). */
export function presentCustomerTicket(t: Omit<InferAttributes<SupportTicket>, never>, messages?: MessageRow[]) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    prioritySupport: t.prioritySupport,
    errorId: t.errorId,
    rating: t.ratingScore ? { score: t.ratingScore, comment: t.ratingComment, ratedAt: iso(t.ratedAt) } : null,
    canRate: (t.status === 'resolved' || t.status === 'closed') && !t.ratingScore,
    resolvedAt: iso(t.resolvedAt),
    lastMessageAt: iso(t.lastMessageAt),
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
    ...(messages ? { messages: messages.map(presentCustomerMessage) } : {}),
  };
}

export function presentAgentMessage(m: MessageRow) {
  return { id: m.id, ticketId: m.ticketId, authorId: m.authorId, authorKind: m.authorKind, authorName: m.authorName, internal: m.internal, content: m.content, createdAt: iso(m.createdAt)! };
}

type TicketFields = Pick<
  SupportTicket,
  | 'id' | 'number' | 'subject' | 'description' | 'status' | 'priority' | 'prioritySupport' | 'customerTier' | 'customerId' | 'assigneeId' | 'errorId'
  | 'firstResponseDueAt' | 'resolutionDueAt' | 'firstRespondedAt' | 'resolvedAt' | 'closedAt' | 'slaBreached' | 'escalatedAt'
  | 'ratingScore' | 'ratingComment' | 'ratedAt' | 'lastMessageAt' | 'createdAt' | 'updatedAt'
>;

/** A ticket as agents see it in the queue and on its page. */
export function presentAgentTicket(t: TicketFields, extra: { customer: (PersonRef & { tier: string | null }) | null; assignee: PersonRef | null }) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    prioritySupport: t.prioritySupport,
    customerId: t.customerId,
    customerName: extra.customer?.name ?? null,
    customerEmail: extra.customer?.email ?? null,
    customerTier: extra.customer?.tier ?? t.customerTier ?? null,
    assigneeId: t.assigneeId,
    assigneeName: extra.assignee?.name ?? null,
    errorId: t.errorId,
    firstResponseDueAt: iso(t.firstResponseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    firstRespondedAt: iso(t.firstRespondedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    slaBreached: t.slaBreached,
    escalatedAt: iso(t.escalatedAt),
    rating: t.ratingScore ? { score: t.ratingScore, comment: t.ratingComment, ratedAt: iso(t.ratedAt) } : null,
    lastMessageAt: iso(t.lastMessageAt),
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
  };
}
