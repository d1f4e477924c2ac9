import { holds, requiredPermission } from "../providers/access-control";

/** The console sections with a sentence on what each is for (dashboard quick links, placeholders). */
export interface Section {
  resource: string;
  label: string;
  path: string;
  description: string;
}

export const SECTIONS: Section[] = [
  { resource: "users", label: "Users", path: "/users", description: "Find accounts, see their activity, projects and admin role." },
  { resource: "subscriptions", label: "Subscriptions", path: "/subscriptions", description: "Plans, tiers, invoices and billing interventions." },
  { resource: "invoices", label: "Invoices", path: "/invoices", description: "Every invoice issued, its payments and refunds." },
  { resource: "support-tickets", label: "Support tickets", path: "/support-tickets", description: "The ticket queue, conversations and SLAs." },
  { resource: "analytics", label: "Analytics", path: "/analytics", description: "Users, platform, revenue, code quality and retention reports." },
  { resource: "system", label: "System monitoring", path: "/system", description: "API health, performance and recent system errors." },
  { resource: "system/errors", label: "Errors", path: "/errors", description: "Unexpected errors grouped by cause, with counts and affected users." },
  { resource: "audit-log", label: "Logs & audit trail", path: "/audit-log", description: "Who changed what and when, and the e-mail outbox." },
  { resource: "roles", label: "Settings", path: "/settings/roles", description: "Roles and the permissions each one grants." },
];

/** The sections a person with these permissions may open (mirrors the access-control provider). */
export function sectionsFor(permissions: string[]): Section[] {
  return SECTIONS.filter((section) => {
    const needed = requiredPermission(section.resource, "list");
    return needed !== undefined && holds(permissions, needed);
  });
}
