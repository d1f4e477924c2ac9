import type { ResourceProps } from "@refinedev/core";
import {
  AuditOutlined,
  BarChartOutlined,
  BugOutlined,
  CreditCardOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileTextOutlined,
  MonitorOutlined,
  SettingOutlined,
  TeamOutlined,
} from "@ant-design/icons";

/**
 * The console's sections, in the order of the product plan's sidebar. Names match the server's
 * /api/admin/<name> routes (the data provider adds the prefix); `list`/`show` are console paths.
 * Which of them a person sees is decided by providers/access-control.ts. A page kept out of the menu
 * (`hide`) names in `section` the menu entry it belongs to, which the menu then shows as current.
 */
export const resources: ResourceProps[] = [
  {
    name: "dashboard",
    list: "/",
    meta: { label: "Dashboard", icon: <DashboardOutlined /> },
  },
  {
    name: "users",
    list: "/users",
    show: "/users/:id",
    meta: { label: "Users", icon: <TeamOutlined /> },
  },
  {
    name: "subscriptions",
    list: "/subscriptions",
    meta: { label: "Subscriptions", icon: <CreditCardOutlined /> },
  },
  {
    // Tier configuration: a page of Subscriptions (server path /api/admin/subscriptions/tiers).
    name: "subscription-tiers",
    list: "/subscriptions/tiers",
    meta: { label: "Tier configuration", hide: true, section: "subscriptions" },
  },
  {
    name: "invoices",
    list: "/invoices",
    show: "/invoices/:id",
    meta: { label: "Invoices", icon: <FileTextOutlined /> },
  },
  {
    name: "support-tickets",
    list: "/support-tickets",
    show: "/support-tickets/:id",
    meta: { label: "Support tickets", icon: <CustomerServiceOutlined /> },
  },
  {
    // Canned responses, SLA targets and agents: reached from the ticket queue.
    name: "support-settings",
    list: "/support-settings",
    meta: { label: "Support settings", hide: true, section: "support-tickets" },
  },
  {
    // Users, platform, revenue, quality and retention reports: /api/admin/analytics/*.
    name: "analytics",
    list: "/analytics",
    meta: { label: "Analytics", icon: <BarChartOutlined /> },
  },
  // The other reports' tabs: the same section (so the same permission), each with its own page title.
  ...[
    ["revenue", "Revenue"],
    ["quality", "Code quality"],
    ["retention", "Retention"],
  ].map(([tab, label]) => ({
    name: "analytics",
    identifier: `analytics-${tab}`,
    list: `/analytics/${tab}`,
    meta: { label: `Analytics · ${label}`, hide: true, section: "analytics" },
  })),
  {
    name: "system",
    list: "/system",
    meta: { label: "System monitoring", icon: <MonitorOutlined /> },
  },
  {
    // Error groups (server path /api/admin/system/errors); a ticket's error id links to /errors?q=<id>.
    name: "system/errors",
    list: "/errors",
    show: "/errors/:id",
    meta: { label: "Errors", icon: <BugOutlined /> },
  },
  {
    name: "audit-log",
    list: "/audit-log",
    meta: { label: "Logs & audit trail", icon: <AuditOutlined /> },
  },
  {
    // A tab of "Logs & audit trail", not a menu item of its own.
    name: "outbox",
    list: "/audit-log/outbox",
    meta: { label: "E-mail outbox", hide: true, section: "audit-log" },
  },
  {
    // A tab of "Logs & audit trail" (server path /api/admin/system/logs).
    name: "system/logs",
    list: "/audit-log/system-log",
    meta: { label: "System log", hide: true, section: "audit-log" },
  },
  {
    name: "roles",
    list: "/settings/roles",
    meta: { label: "Settings", icon: <SettingOutlined /> },
  },
];
