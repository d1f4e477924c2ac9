import type { Invoice, InvoiceItem, SubscriptionTier } from './billing.models';

/** A tier as customers see it: price in cents and the limits (null = unlimited). */
export function presentTier(t: SubscriptionTier) {
  return {
    name: t.name,
    displayName: t.displayName,
    monthlyPriceCents: t.monthlyPriceCents,
    currency: t.currency,
    maxProjects: t.maxProjects,
    maxAnalysesPerMonth: t.maxAnalysesPerMonth,
    maxStorageMb: t.maxStorageMb,
    includesPrioritySupport: t.includesPrioritySupport,
    includesAdvancedAnalytics: t.includesAdvancedAnalytics,
    overageAnalysisCents: t.overageAnalysisCents,
  };
}

type InvoiceFields = Pick<
  Invoice,
  'id' | 'number' | 'kind' | 'status' | 'periodStart' | 'periodEnd' | 'subtotalCents' | 'taxCents' | 'totalCents' | 'overageChargesCents' | 'creditAppliedCents' | 'currency' | 'attemptCount' | 'nextAttemptAt' | 'paidAt' | 'createdAt'
> & { refundedCents?: number };

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());

type InvoiceItemFields = Pick<InvoiceItem, 'id' | 'description' | 'quantity' | 'unitPriceCents' | 'totalCents' | 'itemType' | 'periodStart' | 'periodEnd'>;

/** An invoice line: amounts in integer cents; the service period it bills, or nulls (credit, tax). */
function presentInvoiceItem(it: InvoiceItemFields) {
  return {
    id: it.id,
    description: it.description,
    quantity: it.quantity,
    unitPriceCents: it.unitPriceCents,
    totalCents: it.totalCents,
    itemType: it.itemType,
    periodStart: iso(it.periodStart),
    periodEnd: iso(it.periodEnd),
  };
}

/** An invoice as its customer sees it: amounts in integer cents; `items` only on the detail view. */
export function presentInvoice(i: InvoiceFields, items?: InvoiceItemFields[]) {
  return {
    id: i.id,
    number: i.number,
    kind: i.kind,
    status: i.status,
    periodStart: iso(i.periodStart)!,
    periodEnd: iso(i.periodEnd)!,
    subtotalCents: i.subtotalCents,
    taxCents: i.taxCents,
    totalCents: i.totalCents,
    overageChargesCents: i.overageChargesCents,
    creditAppliedCents: i.creditAppliedCents,
    currency: i.currency,
    attemptCount: i.attemptCount,
    nextAttemptAt: iso(i.nextAttemptAt),
    paidAt: iso(i.paidAt),
    refundedCents: i.refundedCents ?? 0,
    createdAt: iso(i.createdAt)!,
    ...(items ? { items: items.map(presentInvoiceItem) } : {}),
  };
}
