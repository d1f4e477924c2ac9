import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import { OutboxEmail } from '../../mail/mail.models';

export const outboxListSpec: ListSpec = {
  fields: { to: { type: 'string', attribute: 'toAddress' }, template: { type: 'string' }, status: { type: 'enum', values: ['pending', 'stored', 'sent', 'failed'] }, createdAt: { type: 'date' } },
  sortable: ['createdAt'],
  defaultSort: ['createdAt', 'desc'],
  search: ['toAddress', 'subject'],
};

/** E-mails the platform sent (or stored, without SMTP), newest first. */
export async function listOutbox(query: Record<string, unknown>) {
  const page = await paginate(OutboxEmail, parseListQuery(query, outboxListSpec));
  return {
    ...page,
    rows: page.rows.map((e) => ({ id: e.id, to: e.toAddress, subject: e.subject, text: e.textBody, template: e.template, status: e.status, error: e.error, createdAt: e.createdAt.toISOString(), sentAt: e.sentAt?.toISOString() ?? null })),
  };
}
