import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import { AppError } from '../../../http/errors';
import { INVOICE_KINDS, INVOICE_STATUSES, Invoice, InvoiceItem, Subscription } from '../billing.models';
import { presentInvoice } from '../billing.presenter';
import type { PaymentGateway } from '../gateways';
import { collectInvoice } from './collect-invoice.service';

export const invoicesListSpec: ListSpec = {
  fields: { status: { type: 'enum', values: INVOICE_STATUSES }, kind: { type: 'enum', values: INVOICE_KINDS }, number: { type: 'string' }, createdAt: { type: 'date' } },
  sortable: ['createdAt', 'number', 'totalCents', 'status'],
  defaultSort: ['createdAt', 'desc'],
  search: ['number'],
};

/** The customer's invoices (of every subscription they have had), one page in the simple-rest shape. */
export async function listInvoices(userId: string, query: Record<string, unknown>) {
  const lq = parseListQuery(query, invoicesListSpec);
  // Invoices hang off subscriptions, so the owner scope is a subquery rather than a column equality.
  lq.filters.push({ kind: 'custom', op: 'eq', values: [userId], sql: (_op, values, bind) => `t.subscription_id IN (SELECT s.id FROM subscriptions s WHERE s.user_id = ${bind(values[0])})` });
  const page = await paginate(Invoice, lq);
  return { ...page, rows: page.rows.map((r) => presentInvoice(r)) };
}

/** One of the customer's invoices; anyone else's is a 404. */
export async function findOwnedInvoice(userId: string, id: string): Promise<Invoice> {
  const invoice = await Invoice.findByPk(id);
  const subscription = invoice && (await Subscription.findByPk(invoice.subscriptionId));
  if (!invoice || subscription?.userId !== userId) throw AppError.notFound('Invoice');
  return invoice;
}

const LINE_ORDER = ['subscription', 'proration', 'overage', 'credit', 'tax'];

/** One of the customer's invoices with its lines. */
export async function getInvoice(userId: string, id: string) {
  const invoice = await findOwnedInvoice(userId, id);
  const items = await InvoiceItem.findAll({ where: { invoiceId: id } });
  // Lines of one invoice are written together, so their timestamps tie: show them in reading order.
  items.sort((a, b) => LINE_ORDER.indexOf(a.itemType) - LINE_ORDER.indexOf(b.itemType));
  return presentInvoice(invoice, items);
}

/** Collects an open or failed invoice now (the customer's "retry"); 409 for any other status. */
export async function retryInvoice(gateway: PaymentGateway, userId: string, id: string) {
  const invoice = await findOwnedInvoice(userId, id);
  if (invoice.status !== 'failed' && invoice.status !== 'open') throw AppError.conflict('not_collectable', `Invoice ${invoice.number} is ${invoice.status}: only open or failed invoices can be retried`);
  await collectInvoice(gateway, id);
  return getInvoice(userId, id);
}
