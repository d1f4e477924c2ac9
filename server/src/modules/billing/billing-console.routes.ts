import { z } from 'zod';
import { listQueryDoc } from '../../http/list-query';
import type { Api } from '../../http/route';
import { actorOf } from '../admin/audit';
import { applyCredit } from './admin/apply-credit.service';
import { forceTier } from './admin/force-tier.service';
import { getAdminInvoice } from './admin/get-invoice-admin.service';
import { getSubscriptionDetail } from './admin/get-subscription.service';
import { adminInvoicesListSpec, listAdminInvoices } from './admin/list-invoices-admin.service';
import { listSubscriptions, subscriptionsListSpec } from './admin/list-subscriptions.service';
import { refundInvoice } from './admin/refund-invoice.service';
import { subscriptionSummary } from './admin/subscription-summary.service';
import { createTier, getAdminTier, listAdminTiers, updateTier } from './admin/tiers-admin.service';
import type { PaymentGateway } from './gateways';
import { Invoice } from './billing.models';
import { AppError } from '../../http/errors';
import { invoiceDetailSchema, invoiceSchema } from './plan-changes.routes';
import { currentSubscriptionSchema } from './subscriptions.routes';
import { invoicePdfName, renderInvoicePdf } from './services/render-invoice-pdf';

const idParams = z.object({ id: z.string().uuid() });
const reason = z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500);
/** Limits: a count (null = unlimited), never negative. */
const limit = z.number().int().min(0).max(1_000_000_000).nullable();
// $100,000.00: far above any real tier, low enough to catch a dollars/cents mix-up.
const priceCents = z.number().int().min(0).max(10_000_000);

const tierFields = {
  displayName: z.string().trim().min(1).max(100),
  monthlyPriceCents: priceCents.describe('Integer cents; applies from the next billing period'),
  maxProjects: limit,
  maxAnalysesPerMonth: limit,
  maxStorageMb: limit,
  includesPrioritySupport: z.boolean(),
  includesAdvancedAnalytics: z.boolean(),
  overageAnalysisCents: z.number().int().min(0).max(100_000).describe('Per analysis above the monthly limit; 0 = hard limit'),
  sortOrder: z.number().int().min(0).max(1000),
  active: z.boolean(),
};
const tierCreateBody = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'Lower-case letters, digits, - and _ (2–40), starting with a letter'),
  ...tierFields,
  includesPrioritySupport: tierFields.includesPrioritySupport.default(false),
  includesAdvancedAnalytics: tierFields.includesAdvancedAnalytics.default(false),
  overageAnalysisCents: tierFields.overageAnalysisCents.default(0),
  sortOrder: tierFields.sortOrder.default(0),
  active: tierFields.active.default(true),
}).meta({ id: 'TierCreate' });
const tierPatchBody = z.strictObject(tierFields).partial().meta({ id: 'TierUpdate' });

const adminTierSchema = z.object({
  id: z.string(), name: z.string(), displayName: z.string(), monthlyPriceCents: z.number().int(), currency: z.string(),
  maxProjects: z.number().int().nullable(), maxAnalysesPerMonth: z.number().int().nullable(), maxStorageMb: z.number().int().nullable(),
  includesPrioritySupport: z.boolean(), includesAdvancedAnalytics: z.boolean(), overageAnalysisCents: z.number().int(),
  sortOrder: z.number().int(), active: z.boolean(), subscribers: z.number().int(), updatedAt: z.string(),
}).meta({ id: 'AdminTier' });

const subscriptionListItem = z.object({
  id: z.string(), userId: z.string(), customerEmail: z.string(), customerName: z.string(), tier: z.string(), tierDisplayName: z.string(),
  monthlyPriceCents: z.number().int(), currency: z.string(), status: z.string(), churned: z.boolean(), churnedFromTier: z.string().nullable(),
  currentPeriodStart: z.string(), currentPeriodEnd: z.string(), cancelAtPeriodEnd: z.boolean(), scheduledTier: z.string().nullable(),
  creditBalanceCents: z.number().int(), createdAt: z.string(),
}).meta({ id: 'AdminSubscriptionListItem' });

const tierSummary = z.object({
  tierId: z.string(), tier: z.string(), displayName: z.string(), monthlyPriceCents: z.number().int(), currency: z.string(), tierActive: z.boolean(),
  active: z.number().int(), pastDue: z.number().int(), churned: z.number().int(), monthlyRecurringCents: z.number().int(),
}).meta({ id: 'TierSummary' });

const adminInvoiceListItem = invoiceSchema.extend({ subscriptionId: z.string(), customerId: z.string().nullable(), customerEmail: z.string(), customerName: z.string() }).meta({ id: 'AdminInvoiceListItem' });
const adminInvoiceDetail = invoiceDetailSchema.extend({
  subscriptionId: z.string(),
  customer: z.object({ id: z.string().nullable(), email: z.string(), name: z.string() }),
  refundableCents: z.number().int(),
  attempts: z.array(z.object({ id: z.string(), gateway: z.string(), gatewayPaymentId: z.string().nullable(), status: z.string(), amountCents: z.number().int(), failureCode: z.string().nullable(), failureMessage: z.string().nullable(), createdAt: z.string() })),
  refunds: z.array(z.object({ id: z.string(), amountCents: z.number().int(), status: z.string(), reason: z.string(), gatewayRefundId: z.string().nullable(), failureCode: z.string().nullable(), actorId: z.string().nullable(), createdAt: z.string() })),
}).meta({ id: 'AdminInvoiceDetail' });

/**
 * The billing admins' console API: subscriptions (list, counts per tier, detail, force a tier, credit),
 * tier configuration, and invoices (list, detail, PDF, refund). Reads need billing.read; changes
 * billing.manage, credit billing.credit; every change is audited in its own transaction.
 */
export function billingConsoleRoutes(api: Api, deps: { gateway: PaymentGateway }): void {
  const { gateway } = deps;
  const tags = ['Admin: billing'];

  api.route({
    method: 'get', path: '/admin/subscriptions', tags, permission: 'billing.read', list: true, query: listQueryDoc(subscriptionsListSpec), response: subscriptionListItem,
    summary: 'Subscriptions (simple-rest): filter by tier (name) and status (active, past_due, cancelled, trial, churned); q searches the customer\'s e-mail and name',
    handler: ({ req }) => listSubscriptions(req.query as Record<string, unknown>),
  });
  api.route({
    method: 'get', path: '/admin/subscriptions/summary', tags, permission: 'billing.read', response: z.array(tierSummary),
    summary: 'Per tier: active, past-due and churned subscriptions, and monthly recurring revenue at today\'s prices',
    handler: () => subscriptionSummary(),
  });

  // Tier routes before /:id so "tiers" is never read as an id.
  api.route({
    method: 'get', path: '/admin/subscriptions/tiers', tags, permission: 'billing.read', list: true, response: adminTierSchema,
    summary: 'Every tier, offered or not, with its subscriber count (simple-rest, one page)', handler: () => listAdminTiers(),
  });
  api.route({ method: 'get', path: '/admin/subscriptions/tiers/:id', tags, permission: 'billing.read', params: idParams, response: adminTierSchema, summary: 'One tier', handler: ({ params }) => getAdminTier(params.id) });
  api.route({
    method: 'post', path: '/admin/subscriptions/tiers', tags, permission: 'billing.manage', body: tierCreateBody, response: adminTierSchema,
    summary: 'Create a tier (409 already_exists for a taken name)',
    handler: ({ req, body }) => createTier(actorOf(req), body),
  });
  api.route({
    method: 'patch', path: '/admin/subscriptions/tiers/:id', tags, permission: 'billing.manage', params: idParams, body: tierPatchBody, response: adminTierSchema,
    summary: 'Change a tier; a new price applies from each subscription\'s next period (written invoices never change)',
    handler: ({ req, params, body }) => updateTier(actorOf(req), params.id, body),
  });

  api.route({ method: 'get', path: '/admin/subscriptions/:id', tags, permission: 'billing.read', params: idParams, summary: 'A subscription with its customer, credit, recent invoices and credit grants', handler: ({ params }) => getSubscriptionDetail(params.id) });
  api.route({
    method: 'post', path: '/admin/subscriptions/:id/upgrade', tags, permission: 'billing.manage', params: idParams, status: 200,
    body: z.strictObject({ tierId: z.string().uuid(), charge: z.boolean(), reason }).meta({ id: 'ForceTier' }),
    response: z.object({ subscription: currentSubscriptionSchema, invoice: invoiceSchema.nullable(), charged: z.boolean() }).meta({ id: 'ForceTierResult' }),
    summary: 'Put the subscription on a tier now: with charge, the customer\'s prorated upgrade (402 payment_method_required without a card); without, at no charge (any tier)',
    handler: ({ req, params, body }) => forceTier(gateway, actorOf(req), params.id, body),
  });
  api.route({
    method: 'post', path: '/admin/subscriptions/:id/credit', tags, permission: 'billing.credit', params: idParams, status: 200,
    body: z.strictObject({ amountCents: z.number().int().min(1, 'At least 1 cent').max(10_000_000, 'At most $100,000.00'), reason }).meta({ id: 'ApplyCredit' }),
    summary: 'Add account credit; it is taken off the customer\'s next invoices first',
    handler: ({ req, params, body }) => applyCredit(actorOf(req), params.id, body),
  });

  api.route({
    method: 'get', path: '/admin/invoices', tags, permission: 'billing.read', list: true, query: listQueryDoc(adminInvoicesListSpec), response: adminInvoiceListItem,
    summary: 'Invoices of every customer (simple-rest): status, kind, customerId, createdAt_gte/_lte; q on number or customer',
    handler: ({ req }) => listAdminInvoices(req.query as Record<string, unknown>),
  });
  api.route({ method: 'get', path: '/admin/invoices/:id', tags, permission: 'billing.read', params: idParams, response: adminInvoiceDetail, summary: 'An invoice with lines, customer, payment attempts and refunds', handler: ({ params }) => getAdminInvoice(params.id) });
  api.route({
    method: 'get', path: '/admin/invoices/:id/pdf', tags, permission: 'billing.read', params: idParams, raw: true, summary: 'An invoice as a PDF (streamed)',
    handler: async ({ params, res }) => {
      const invoice = await Invoice.findByPk(params.id);
      if (!invoice) throw AppError.notFound('Invoice');
      res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${invoicePdfName(invoice)}"`);
      await renderInvoicePdf(invoice, res);
    },
  });
  api.route({
    method: 'post', path: '/admin/invoices/:id/refund', tags, permission: 'billing.manage', params: idParams, status: 200, response: adminInvoiceDetail,
    body: z.strictObject({ amountCents: z.number().int().min(1, 'At least 1 cent').optional(), reason }).meta({ id: 'RefundInvoice' }),
    summary: 'Refund a paid invoice in full (no amount) or in part through the payment processor; 400 amount_exceeds_refundable, 409 not_refundable',
    handler: ({ req, params, body }) => refundInvoice(gateway, actorOf(req), params.id, body),
  });
}
