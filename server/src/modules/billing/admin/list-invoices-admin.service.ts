import { escapeLike, paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import { INVOICE_KINDS, INVOICE_STATUSES, Invoice } from '../billing.models';
import { presentInvoice } from '../billing.presenter';

export const adminInvoicesListSpec: ListSpec = {
  fields: {
    status: { type: 'enum', values: INVOICE_STATUSES },
    kind: { type: 'enum', values: INVOICE_KINDS },
    number: { type: 'string' },
    subscriptionId: { type: 'uuid' },
    // The customer: invoices hang off subscriptions, so it is a subquery on their owner.
    customerId: { type: 'uuid', where: (op, values, bind) => {
      const sql = `t.subscription_id IN (SELECT s.id FROM subscriptions s WHERE s.user_id IN (${values.map(bind).join(', ')}))`;
      return op === 'ne' ? `NOT ${sql}` : sql;
    } },
    createdAt: { type: 'date' },
    totalCents: { type: 'number' },
  },
  sortable: ['createdAt', 'number', 'totalCents', 'status'],
  defaultSort: ['createdAt', 'desc'],
};

/** Every customer's invoices for the console (simple-rest): status, kind, customer and date filters; `q` on number or customer. */
export async function listAdminInvoices(query: Record<string, unknown>) {
  const { q, ...rest } = query;
  const lq = parseListQuery(rest, adminInvoicesListSpec);
  const text = typeof q === 'string' ? q.trim().slice(0, 200) : '';
  if (text) {
    lq.filters.push({
      kind: 'custom', op: 'eq', values: [text],
      sql: (_op, values, bind) => {
        const p = bind(`%${escapeLike(values[0])}%`);
        return `(t.number ILIKE ${p} OR t.subscription_id IN (SELECT s.id FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email ILIKE ${p} OR u.name ILIKE ${p}))`;
      },
    });
  }
  const page = await paginate(Invoice, lq, {
    extra: {
      customerId: '(SELECT s.user_id FROM subscriptions s WHERE s.id = t.subscription_id)',
      customerEmail: '(SELECT u.email FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE s.id = t.subscription_id)',
      customerName: '(SELECT u.name FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE s.id = t.subscription_id)',
    },
  });
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...presentInvoice(r),
      subscriptionId: r.subscriptionId,
      customerId: (r.customerId as string | null) ?? null,
      customerEmail: (r.customerEmail as string | null) ?? '',
      customerName: (r.customerName as string | null) ?? '',
    })),
  };
}
