import { Tag } from "antd";

/** GET /api/admin/subscriptions rows. */
export interface SubscriptionRow {
  id: string;
  userId: string;
  customerEmail: string;
  customerName: string;
  tier: string;
  tierDisplayName: string;
  monthlyPriceCents: number;
  currency: string;
  status: string;
  churned: boolean;
  churnedFromTier: string | null;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  scheduledTier: string | null;
  creditBalanceCents: number;
  createdAt: string;
}

/** GET /api/admin/subscriptions/summary rows. */
export interface TierSummary {
  tierId: string;
  tier: string;
  displayName: string;
  monthlyPriceCents: number;
  currency: string;
  tierActive: boolean;
  active: number;
  pastDue: number;
  churned: number;
  monthlyRecurringCents: number;
}

/** GET /api/admin/subscriptions/tiers rows. */
export interface AdminTier {
  id: string;
  name: string;
  displayName: string;
  monthlyPriceCents: number;
  currency: string;
  maxProjects: number | null;
  maxAnalysesPerMonth: number | null;
  maxStorageMb: number | null;
  includesPrioritySupport: boolean;
  includesAdvancedAnalytics: boolean;
  overageAnalysisCents: number;
  sortOrder: number;
  active: boolean;
  subscribers: number;
  updatedAt: string;
}

export interface InvoiceSummary {
  id: string;
  number: string;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  overageChargesCents: number;
  creditAppliedCents: number;
  refundedCents: number;
  currency: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  paidAt: string | null;
  createdAt: string;
}

export interface AdminInvoiceRow extends InvoiceSummary {
  subscriptionId: string;
  customerId: string | null;
  customerEmail: string;
  customerName: string;
}

export interface AdminInvoiceDetail extends InvoiceSummary {
  subscriptionId: string;
  customer: { id: string | null; email: string; name: string };
  refundableCents: number;
  /** Each charge line's service period (the plan fee: the coming period; overage: the ended one); null for credit and tax. */
  items: { id: string; description: string; quantity: number; unitPriceCents: number; totalCents: number; itemType: string; periodStart: string | null; periodEnd: string | null }[];
  attempts: { id: string; gateway: string; gatewayPaymentId: string | null; status: string; amountCents: number; failureCode: string | null; failureMessage: string | null; createdAt: string }[];
  refunds: { id: string; amountCents: number; status: string; reason: string; gatewayRefundId: string | null; failureCode: string | null; createdAt: string }[];
}

/** GET /api/admin/subscriptions/:id */
export interface SubscriptionDetail {
  id: string;
  status: string;
  customer: { id: string; email: string; name: string };
  tier: { id: string; name: string; displayName: string; monthlyPriceCents: number; currency: string };
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  cancelledAt: string | null;
  scheduledTier: string | null;
  churnedFromTier: string | null;
  churnedAt: string | null;
  creditBalanceCents: number;
  hasPaymentMethod: boolean;
  createdAt: string;
  recentInvoices: InvoiceSummary[];
  creditGrants: { id: string; amountCents: number; balanceAfterCents: number; reason: string; createdAt: string }[];
}

const SUBSCRIPTION_STATUS: Record<string, { color: string; label: string }> = {
  active: { color: "green", label: "Active" },
  trial: { color: "blue", label: "Trial" },
  past_due: { color: "orange", label: "Past due" },
  cancelled: { color: "default", label: "Cancelled" },
};

export function SubscriptionStatusTag({ status }: { status: string }) {
  const s = SUBSCRIPTION_STATUS[status] ?? { color: "default", label: status };
  return <Tag color={s.color}>{s.label}</Tag>;
}

const INVOICE_STATUS: Record<string, { color: string; label: string }> = {
  draft: { color: "default", label: "Draft" },
  open: { color: "blue", label: "Open" },
  paid: { color: "green", label: "Paid" },
  failed: { color: "red", label: "Failed" },
  refunded: { color: "purple", label: "Refunded" },
  void: { color: "default", label: "Void" },
};

export function InvoiceStatusTag({ status, refundedCents = 0 }: { status: string; refundedCents?: number }) {
  const s = INVOICE_STATUS[status] ?? { color: "default", label: status };
  return (
    <>
      <Tag color={s.color}>{s.label}</Tag>
      {status === "paid" && refundedCents > 0 && <Tag color="purple">Part refunded</Tag>}
    </>
  );
}

export const INVOICE_STATUSES = Object.keys(INVOICE_STATUS);
export const invoiceStatusLabel = (s: string) => INVOICE_STATUS[s]?.label ?? s;

export const KIND_LABELS: Record<string, string> = { regular: "Monthly", proration: "Upgrade (prorated)", manual: "Manual" };

// Billing periods run from midnight UTC to midnight UTC: read in UTC, so that no time zone moves their days.
const billingDayFormatter = new Intl.DateTimeFormat(typeof navigator !== "undefined" ? navigator.language : undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A billing date (a period's start or end) in the reader's locale, e.g. "Oct 27, 2026". */
export function formatBillingDay(value: string): string {
  return billingDayFormatter.format(new Date(value));
}

/** A billing period in the reader's locale: "Oct 27 – Nov 27, 2026" (en-US), "27 Oct – 27 Nov 2026" (en-GB). */
export function formatBillingPeriod(start: string, end: string): string {
  return billingDayFormatter.formatRange(new Date(start), new Date(end));
}

/** What an invoice's own period is, as a label and a value: the billing period a month-end invoice closes, or the day of an upgrade. */
export function invoicePeriod(invoice: Pick<InvoiceSummary, "kind" | "periodStart" | "periodEnd">): { label: string; value: string } {
  if (invoice.kind === "proration") return { label: "Upgraded on", value: formatBillingDay(invoice.periodStart) };
  return { label: invoice.kind === "regular" ? "Closes the billing period" : "Period", value: formatBillingPeriod(invoice.periodStart, invoice.periodEnd) };
}

/**
 * "12.50" / "12,50" / "12" → 1250 cents by reading the digits, never by floating-point multiplication
 * (0.29 × 100 = 28.999…). null when the text is not an amount with at most two decimals.
 */
export function dollarsToCents(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const match = /^\s*(\d{1,9})(?:[.,](\d{0,2}))?\s*$/.exec(String(text));
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + fraction;
}

/** 1250 → "12.50", for prefilling a dollars input from cents (display only). */
export function centsToDollarsText(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, "0")}`;
}
