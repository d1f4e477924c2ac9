import type { Transaction } from 'sequelize';
import { sendEmail } from '../mail/mailer';
import type { SupportTicket } from './support.models';
import { personOf, supportAdminEmails } from './ticket-store';
import type { SlaBreach } from './sla';

// E-mails of the support flow. Each is written to the outbox inside the caller's transaction, so it goes
// out only if the change that caused it commits.

const portalLink = (t: SupportTicket) => `/portal/support/${t.id}`;
const consoleLink = (t: SupportTicket) => `/admin/support-tickets/${t.id}`;
const STATUS_WORDS: Record<string, string> = { open: 'open', in_progress: 'in progress', waiting_on_customer: 'waiting for your reply', resolved: 'resolved', closed: 'closed' };

/** To the customer: an agent answered. */
export async function notifyCustomerOfReply(t: SupportTicket, agentName: string, content: string, transaction: Transaction): Promise<void> {
  const customer = await personOf(t.customerId, transaction);
  if (!customer) return;
  await sendEmail(
    {
      to: customer.email,
      template: 'ticket_reply',
      subject: `[${t.number}] New reply: ${t.subject}`,
      text: `Hello ${customer.name},\n\n${agentName} replied to your ticket ${t.number}:\n\n${content}\n\nReply or follow the conversation at ${portalLink(t)}.`,
    },
    transaction,
  );
}

/** To the customer: the ticket changed status. */
export async function notifyCustomerOfStatus(t: SupportTicket, transaction: Transaction): Promise<void> {
  const customer = await personOf(t.customerId, transaction);
  if (!customer) return;
  const rate = t.status === 'resolved' ? '\n\nHow did we do? You can rate this ticket in the portal.' : '';
  await sendEmail(
    {
      to: customer.email,
      template: 'ticket_status_changed',
      subject: `[${t.number}] Your ticket is ${STATUS_WORDS[t.status] ?? t.status}`,
      text: `Hello ${customer.name},\n\nYour ticket ${t.number} "${t.subject}" is now ${STATUS_WORDS[t.status] ?? t.status}.${rate}\n\n${portalLink(t)}`,
    },
    transaction,
  );
}

/** To the assignee: the customer replied. */
export async function notifyAssigneeOfReply(t: SupportTicket, content: string, transaction: Transaction): Promise<void> {
  const assignee = await personOf(t.assigneeId, transaction);
  if (!assignee) return;
  await sendEmail(
    { to: assignee.email, template: 'ticket_customer_reply', subject: `[${t.number}] Customer replied: ${t.subject}`, text: `The customer replied on ${t.number}:\n\n${content}\n\n${consoleLink(t)}` },
    transaction,
  );
}

/** To the new assignee. */
export async function notifyAssigned(t: SupportTicket, transaction: Transaction): Promise<void> {
  const assignee = await personOf(t.assigneeId, transaction);
  if (!assignee) return;
  await sendEmail(
    { to: assignee.email, template: 'ticket_assigned', subject: `[${t.number}] Assigned to you: ${t.subject}`, text: `Ticket ${t.number} (${t.priority} priority) is assigned to you.\n\n${consoleLink(t)}` },
    transaction,
  );
}

/** To the assignee and every support admin: an SLA target was missed. */
export async function notifyBreach(t: SupportTicket, breach: SlaBreach, transaction: Transaction): Promise<void> {
  const assignee = await personOf(t.assigneeId, transaction);
  const recipients = new Set([...(assignee ? [assignee.email] : []), ...(await supportAdminEmails(transaction))]);
  const what = breach === 'first_response' ? 'first response' : 'resolution';
  for (const to of recipients) {
    await sendEmail(
      {
        to,
        template: 'ticket_sla_breached',
        subject: `[${t.number}] SLA breached (${what}): ${t.subject}`,
        text: `Ticket ${t.number} missed its ${what} target and was escalated to ${t.priority} priority.\nAssignee: ${assignee?.name ?? 'nobody'}\n\n${consoleLink(t)}`,
      },
      transaction,
    );
  }
}
