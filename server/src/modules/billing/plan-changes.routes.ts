import { z } from 'zod';
import { listQueryDoc } from '../../http/list-query';
import type { Api } from '../../http/route';
import type { PaymentGateway } from './gateways';
import { INVOICE_ITEM_TYPES, INVOICE_KINDS, INVOICE_STATUSES } from './billing.models';
import { cancelAtPeriodEnd, previewUpgrade, resumeSubscription, scheduleDowngrade, upgradeSubscription } from './services/change-plan.service';
import { findOwnedInvoice, getInvoice, invoicesListSpec, listInvoices, retryInvoice } from './services/invoices.service';
import { invoicePdfName, renderInvoicePdf } from './services/render-invoice-pdf';
import { currentSubscriptionSchema } from './subscriptions.routes';

export const invoiceSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(INVOICE_KINDS),
    status: z.enum(INVOICE_STATUSES),
    periodStart: z.string(),
    periodEnd: z.string(),
    subtotalCents: z.number().int(),
    taxCents: z.number().int(),
    totalCents: z.number().int(),
    overageChargesCents: z.number().int(),
    creditAppliedCents: z.number().int(),
    currency: z.string(),
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    refundedCents: z.number().int().describe('Refunded so far'),
    createdAt: z.string(),
  })
  .meta({ id: 'Invoice' });

export const invoiceDetailSchema = invoiceSchema
  .extend({
    items: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        quantity: z.number().int(),
        unitPriceCents: z.number().int(),
        totalCents: z.number().int(),
        itemType: z.enum(INVOICE_ITEM_TYPES),
        periodStart: z.string().nullable().describe('Start of the service period the line bills (plan fee: the coming period, in advance; overage: the ended period); null for credit and tax'),
        periodEnd: z.string().nullable().describe('End of that service period (exclusive, midnight UTC)'),
      }),
    ),
  })
  .meta({ id: 'InvoiceDetail' });

const tierBody = z.object({ tier: z.string().min(1).max(100) }).meta({ id: 'PlanChange' });
const idParams = z.object({ id: z.string().uuid() });

/** Plan changes and the customer's invoices; both need the payment gateway (upgrades and retries charge). */
export function planChangeRoutes(api: Api, deps: { gateway: PaymentGateway }): void {
  const { gateway } = deps;
  const tags = ['Subscriptions'];
  api.route({
    method: 'get', path: '/subscriptions/upgrade-preview', tags, query: z.object({ tier: z.string().min(1).max(100) }),
    summary: 'What an upgrade to the tier would charge now (the same computation the upgrade uses); 400 for an unknown, same or cheaper tier',
    response: z
      .object({
        tier: z.string(),
        amountDueNowCents: z.number().int(),
        subtotalCents: z.number().int(),
        taxCents: z.number().int(),
        creditAppliedCents: z.number().int(),
        currency: z.string(),
        periodEnd: z.string(),
        daysRemaining: z.number().int(),
        daysInPeriod: z.number().int(),
      })
      .meta({ id: 'UpgradePreview' }),
    handler: ({ auth, query }) => previewUpgrade({ userId: auth.user.id, tier: query.tier }),
  });
  api.route({
    method: 'post', path: '/subscriptions/upgrade', tags, body: tierBody, status: 200,
    summary: 'Upgrade now with a prorated charge (402 payment_method_required without a card; 409 already_on_tier)',
    response: z.object({ subscription: currentSubscriptionSchema, invoice: invoiceSchema }).meta({ id: 'UpgradeResult' }),
    handler: ({ auth, body }) => upgradeSubscription(gateway, { userId: auth.user.id, tier: body.tier }),
  });
  api.route({ method: 'post', path: '/subscriptions/downgrade', tags, body: tierBody, status: 200, summary: 'Move to a cheaper plan at the period end', response: currentSubscriptionSchema, handler: ({ auth, body }) => scheduleDowngrade({ userId: auth.user.id, tier: body.tier }) });
  api.route({ method: 'post', path: '/subscriptions/cancel', tags, status: 200, summary: 'Cancel at the period end', response: currentSubscriptionSchema, handler: ({ auth }) => cancelAtPeriodEnd({ userId: auth.user.id }) });
  api.route({ method: 'post', path: '/subscriptions/resume', tags, status: 200, summary: 'Take back a scheduled downgrade or cancellation', response: currentSubscriptionSchema, handler: ({ auth }) => resumeSubscription({ userId: auth.user.id }) });

  const btags = ['Billing'];
  api.route({ method: 'get', path: '/billing/invoices', tags: btags, list: true, summary: 'Your invoices (simple-rest)', query: listQueryDoc(invoicesListSpec), response: invoiceSchema, handler: ({ auth, req }) => listInvoices(auth.user.id, req.query as Record<string, unknown>) });
  api.route({ method: 'get', path: '/billing/invoices/:id', tags: btags, params: idParams, summary: 'One of your invoices with its lines', response: invoiceDetailSchema, handler: ({ auth, params }) => getInvoice(auth.user.id, params.id) });
  api.route({
    method: 'get', path: '/billing/invoices/:id/pdf', tags: btags, params: idParams, raw: true,
    summary: 'One of your invoices as a PDF (application/pdf, streamed)',
    handler: async ({ auth, params, res }) => {
      const invoice = await findOwnedInvoice(auth.user.id, params.id);
      res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${invoicePdfName(invoice)}"`);
      await renderInvoicePdf(invoice, res);
    },
  });
  api.route({
    method: 'post', path: '/billing/invoices/:id/retry', tags: btags, params: idParams, status: 200,
    summary: 'Charge an open or failed invoice now (409 not_collectable otherwise)', response: invoiceDetailSchema,
    handler: ({ auth, params }) => retryInvoice(gateway, auth.user.id, params.id),
  });
}
