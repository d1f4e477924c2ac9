import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { SupportTicket } from './support.models';

/** A ticket by id, row-locked for the transaction when `lock` is set; 404 when missing. */
export async function findTicket(id: string, transaction?: Transaction, opts: { lock?: boolean } = {}): Promise<SupportTicket> {
  const ticket = await SupportTicket.findByPk(id, { transaction, ...(opts.lock && transaction ? { lock: transaction.LOCK.UPDATE } : {}) });
  if (!ticket) throw AppError.notFound('Ticket');
  return ticket;
}

/** A customer's own ticket; someone else's answers 404 exactly like a missing one. */
export async function findOwnTicket(id: string, customerId: string, transaction?: Transaction, opts: { lock?: boolean } = {}): Promise<SupportTicket> {
  const ticket = await SupportTicket.findOne({ where: { id, customerId }, transaction, ...(opts.lock && transaction ? { lock: transaction.LOCK.UPDATE } : {}) });
  if (!ticket) throw AppError.notFound('Ticket');
  return ticket;
}

/** The customer's current tier and whether it carries priority support (Free when they have no plan). */
export async function customerTierOf(userId: string, transaction?: Transaction): Promise<{ tier: string; prioritySupport: boolean }> {
  const [row] = await db().query<{ name: string; priority: boolean }>(
    `SELECT t.name, t.includes_priority_support AS priority FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id
     WHERE s.user_id = ? AND s.status <> 'cancelled' ORDER BY s.created_at DESC LIMIT 1`,
    { replacements: [userId], transaction, type: QueryTypes.SELECT },
  );
  return row ? { tier: row.name, prioritySupport: row.priority } : { tier: 'free', prioritySupport: false };
}

/** E-mail addresses of the support admins (escalations go to them as well as the assignee). */
export async function supportAdminEmails(transaction?: Transaction): Promise<string[]> {
  const rows = await db().query<{ email: string }>(
    `SELECT u.email FROM admin_users a JOIN users u ON u.id = a.user_id WHERE a.role = 'support_admin' AND u.status = 'active' ORDER BY u.email`,
    { transaction, type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.email);
}

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export async function personOf(userId: string | null, transaction?: Transaction): Promise<PersonRef | null> {
  if (!userId) return null;
  const [row] = await db().query<PersonRef>(`SELECT id, name, email FROM users WHERE id = ?`, { replacements: [userId], transaction, type: QueryTypes.SELECT });
  return row ?? null;
}

export interface MessageRow {
  id: string;
  ticketId: string;
  authorId: string | null;
  authorKind: 'customer' | 'agent' | 'system';
  authorName: string | null;
  internal: boolean;
  content: string;
  createdAt: Date;
}

/**
 * A ticket's conversation, oldest first. `publicOnly` is the customer's view: the filter is in the SQL,
 * so an internal note never leaves the database on a customer's request.
 */
export async function messagesOf(ticketId: string, opts: { publicOnly: boolean }, transaction?: Transaction): Promise<MessageRow[]> {
  return db().query<MessageRow>(
    `SELECT m.id, m.ticket_id AS "ticketId", m.author_id AS "authorId", m.author_kind AS "authorKind", u.name AS "authorName",
            m.internal, m.content, m.created_at AS "createdAt"
     FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id
     WHERE m.ticket_id = ? ${opts.publicOnly ? 'AND NOT m.internal' : ''}
     ORDER BY m.created_at, m.id`,
    { replacements: [ticketId], transaction, type: QueryTypes.SELECT },
  );
}
