import { Tabs } from "antd";
import { useNavigate } from "react-router";
import { useCurrentUser } from "../../lib/use-current-user";

const TABS = [
  { key: "audit", label: "Audit trail", path: "/audit-log", permission: "audit.read" },
  { key: "outbox", label: "E-mail outbox", path: "/audit-log/outbox", permission: "outbox.read" },
  { key: "system", label: "System log", path: "/audit-log/system-log", permission: "system.read" },
] as const;

/** The tabs of "Logs & audit trail"; each tab is its own route so it can be linked to. */
export function AuditTabs({ active }: { active: (typeof TABS)[number]["key"] }) {
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const items = TABS.filter((tab) => tab.key === active || can(tab.permission));
  if (items.length < 2) return null;
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(TABS.find((tab) => tab.key === key)!.path)}
      items={items.map((tab) => ({ key: tab.key, label: tab.label }))}
      style={{ marginBottom: 8 }}
    />
  );
}
