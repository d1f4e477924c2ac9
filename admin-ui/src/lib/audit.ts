import { formatCents, formatDateTime, formatNumber, humanize } from "./format";
import { roleLabel } from "./roles";
import type { AuditEntry } from "./types";

/** Audit actions as people read them; an action missing here reads as its code in words ("error_group.resolved" → "Error group resolved"). */
const ACTION_LABELS: Record<string, string> = {
  "user.suspended": "User suspended",
  "user.reactivated": "User reactivated",
  "user.deleted": "Account deleted",
  "user.password_reset_sent": "Password reset link sent",
  "user.admin_role_granted": "Admin role granted",
  "user.admin_role_revoked": "Admin role revoked",
  "user.impersonation_started": "Viewing as customer started",
  "user.impersonation_ended": "Viewing as customer ended",
  "users.exported": "Users exported",
  "users.import_started": "User import started",
  "users.import_completed": "User import completed",
  "support_ticket.create": "Ticket opened",
  "support_ticket.update": "Ticket status or priority changed",
  "support_ticket.reply": "Reply sent to the customer",
  "support_ticket.note": "Internal note added",
  "support_ticket.assign": "Ticket assigned",
  "support_agent.update": "Support agent settings changed",
  "canned_response.create": "Canned response created",
  "canned_response.update": "Canned response changed",
  "canned_response.delete": "Canned response deleted",
  "sla_policy.update": "SLA targets changed",
  "subscription.upgrade": "Plan upgraded",
  "subscription.downgrade_scheduled": "Downgrade scheduled",
  "subscription.cancel_scheduled": "Cancellation scheduled",
  "subscription.resume": "Subscription resumed",
  "subscription.tier_forced": "Plan set by an admin",
  "subscription.credit_applied": "Credit applied",
  "tier.created": "Plan created",
  "tier.updated": "Plan changed",
  "invoice.refunded": "Invoice refunded",
  "invoice.refund_failed": "Refund failed",
  "billing.month_end_run": "Month-end billing run",
  "billing.clock_advanced": "Billing clock moved forward",
  "role.permissions_updated": "Role permissions changed",
  "system.maintenance_enabled": "Maintenance mode turned on",
  "system.maintenance_disabled": "Maintenance mode turned off",
  "system.thresholds_updated": "Alert thresholds changed",
  "search.reindex_started": "Search reindex started",
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? humanize(action.replace(/\./g, " "));
}

/** An entry's action in words, as specific as its values allow: "Ticket priority changed", "Ticket unassigned". */
export function auditEntryLabel(entry: Pick<AuditEntry, "action" | "before" | "after">): string {
  if (entry.action === "support_ticket.update" && entry.before && entry.after) {
    const changed = ["status", "priority"].filter((key) => field(entry.before, key) !== field(entry.after, key));
    if (changed.length) return `Ticket ${changed.join(" and ")} changed`;
  }
  if (entry.action === "support_ticket.assign" && entry.after && !field(entry.after, "assigneeId")) return "Ticket unassigned";
  return auditActionLabel(entry.action);
}

/** Who did it: their name now, else the e-mail recorded with the entry; null for the system. */
export function auditActorName(entry: Pick<AuditEntry, "actorName" | "actorEmail">): string | null {
  return entry.actorName || entry.actorEmail;
}

const TARGET_TYPE_LABELS: Record<string, string> = {
  user: "User",
  user_import: "User import",
  support_ticket: "Ticket",
  canned_response: "Canned response",
  sla_policy: "SLA policy",
  subscription: "Subscription",
  subscription_tier: "Plan",
  invoice: "Invoice",
  error_group: "Error group",
  role: "Role",
  setting: "Setting",
  search_index: "Search index",
  clock: "Billing clock",
};

export function auditTargetTypeLabel(type: string): string {
  return TARGET_TYPE_LABELS[type] ?? humanize(type);
}

/** Where a target is shown in the console, and the permission that opens it. */
const TARGET_PAGES: Record<string, { permission: string; path: (id: string) => string }> = {
  user: { permission: "users.read", path: (id) => `/users/${id}` },
  support_ticket: { permission: "tickets.read", path: (id) => `/support-tickets/${id}` },
  invoice: { permission: "billing.read", path: (id) => `/invoices/${id}` },
  error_group: { permission: "system.read", path: (id) => `/errors/${id}` },
  subscription_tier: { permission: "billing.read", path: () => "/subscriptions/tiers" },
  role: { permission: "roles.read", path: () => "/settings/roles" },
  canned_response: { permission: "tickets.read", path: () => "/support-settings" },
  sla_policy: { permission: "tickets.read", path: () => "/support-settings" },
  setting: { permission: "system.read", path: () => "/system" },
};

/** The console page of an entry's target, when it has one and the reader may open it. */
export function auditTargetPath(entry: AuditEntry, can: (permission: string) => boolean): string | null {
  const page = entry.targetType && entry.targetId ? TARGET_PAGES[entry.targetType] : undefined;
  return page && can(page.permission) ? page.path(entry.targetId!) : null;
}

const field = (value: unknown, key: string): unknown =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/**
 * The target's name as the entry itself records it (a role, a canned response's title, a plan's name…);
 * null when only its id is known.
 */
export function auditTargetName(entry: AuditEntry): string | null {
  const { targetType, targetId, before, after } = entry;
  if (!targetId) return null;
  const recorded = (key: string) => text(field(after, key)) ?? text(field(before, key));
  switch (targetType) {
    case "role":
      return roleLabel(targetId);
    case "sla_policy":
      return `${humanize(targetId)} priority`;
    case "setting":
      return humanize(targetId.replace(/\./g, " "));
    case "canned_response":
      return recorded("title");
    case "subscription_tier":
      return recorded("displayName");
    case "user_import":
      return recorded("filename");
    case "support_ticket": {
      const number = field(after, "number");
      return number ? `#${number}` : null;
    }
    default:
      return null;
  }
}

/** "Sessions ended" for sessionsEnded, "Monthly price" for monthlyPriceCents, "Assignee" for assigneeId. */
export function auditFieldLabel(key: string): string {
  return humanize(key.replace(/(Cents|Id)$/, "").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase());
}

const ENUM_FIELDS = new Set(["status", "priority", "tier", "scheduledTier", "engine", "reason"]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * One recorded value as text: money in dollars, instants in the reader's time zone, codes in words, a
 * user's id as their name (`names`, from the entry).
 */
export function formatAuditValue(key: string, value: unknown, names: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && Object.hasOwn(names, value)) return names[value];
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return key.endsWith("Cents") ? formatCents(value) : formatNumber(value);
  if (typeof value === "string") {
    if (key === "role") return roleLabel(value);
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    if (ENUM_FIELDS.has(key) && /^[a-z_]+$/.test(value)) return humanize(value);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((item) => formatAuditValue(key, item, names)).join(", ") : "none";
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${auditFieldLabel(k)}: ${formatAuditValue(k, v, names)}`)
    .join("; ");
}
