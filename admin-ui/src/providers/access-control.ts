import type { AccessControlProvider } from "@refinedev/core";
import { fetchCurrentUser } from "./auth";

/**
 * The permission each console resource needs to be listed or opened. The server checks the same
 * permissions on every /api/admin route; this only keeps people from clicking into a 403.
 * `null` means "any admin" (the dashboard); a list means any one of them.
 */
export const RESOURCE_PERMISSIONS: Record<string, string | string[] | null> = {
  dashboard: null,
  users: "users.read",
  subscriptions: "billing.read",
  "subscription-tiers": "billing.read",
  invoices: "billing.read",
  "support-tickets": "tickets.read",
  "support-settings": "tickets.read",
  system: "system.read",
  analytics: "analytics.read",
  "system/errors": "system.read",
  "system/logs": "system.read",
  // the section holds the audit trail and the e-mail outbox: either permission opens it
  "audit-log": ["audit.read", "outbox.read"],
  outbox: "outbox.read",
  roles: "roles.read",
  permissions: "roles.read",
};

/** Actions that need more than reading the resource. */
const ACTION_PERMISSIONS: Record<string, Record<string, string>> = {
  roles: { edit: "roles.manage" },
  users: { "change-role": "roles.manage" },
  "system/errors": { edit: "system.manage" },
};

export function requiredPermission(resource: string | undefined, action: string): string | string[] | null | undefined {
  if (!resource) return null;
  const forAction = ACTION_PERMISSIONS[resource]?.[action];
  if (forAction) return forAction;
  return RESOURCE_PERMISSIONS[resource];
}

/** Whether these permissions satisfy a requirement (null: any admin; a list: any one of it). */
export function holds(permissions: string[], needed: string | string[] | null): boolean {
  if (needed === null) return true;
  return [needed].flat().some((p) => permissions.includes(p));
}

export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, action }) => {
    const user = await fetchCurrentUser().catch(() => null);
    if (!user?.isAdmin) return { can: false, reason: "Sign in with an operations account." };

    const permission = requiredPermission(resource, action);
    // An unknown resource is denied rather than silently allowed.
    if (permission === undefined) return { can: false, reason: "Unknown section." };
    if (holds(user.permissions, permission)) return { can: true };
    return { can: false, reason: `Your role does not include "${[permission].flat().join('" or "')}".` };
  },
  options: {
    buttons: { enableAccessControl: true, hideIfUnauthorized: true },
    // Answers depend on who is signed in: don't keep them once nothing on screen uses them, so the
    // next person to sign in on this tab never sees the previous person's menu.
    queryOptions: { gcTime: 0, staleTime: 0 },
  },
};
