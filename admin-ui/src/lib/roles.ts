import type { AdminRole, UserRole } from "./types";

export const ROLE_LABELS: Record<UserRole, string> = {
  super_admin: "Super admin",
  billing_admin: "Billing admin",
  support_admin: "Support admin",
  analytics_admin: "Analytics admin",
  customer: "Customer",
};

export const ROLE_COLORS: Record<UserRole, string> = {
  super_admin: "magenta",
  billing_admin: "gold",
  support_admin: "cyan",
  analytics_admin: "geekblue",
  customer: "default",
};

export const ADMIN_ROLES: AdminRole[] = ["super_admin", "billing_admin", "support_admin", "analytics_admin"];
export const ALL_ROLES: UserRole[] = ["customer", ...ADMIN_ROLES];

export const roleLabel = (role: string): string =>
  (ROLE_LABELS as Record<string, string>)[role] ?? role.replace(/_/g, " ");
