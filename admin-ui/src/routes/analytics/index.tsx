import { Tabs, Typography } from "antd";
import { List } from "@refinedev/antd";
import { useLocation, useNavigate, useParams } from "react-router";
import { AnalyticsOverview } from "./overview";
import { AnalyticsQuality } from "./quality";
import { AnalyticsRetention } from "./retention";
import { AnalyticsRevenue } from "./revenue";

const TABS = [
  { key: "overview", label: "Users & platform", children: <AnalyticsOverview /> },
  { key: "revenue", label: "Revenue", children: <AnalyticsRevenue /> },
  { key: "quality", label: "Code quality", children: <AnalyticsQuality /> },
  { key: "retention", label: "Retention", children: <AnalyticsRetention /> },
];

/** Platform analytics: one tab per report (/analytics, /analytics/revenue, …), filters kept across tabs. */
export default function AnalyticsPage() {
  const { tab = "overview" } = useParams();
  const navigate = useNavigate();
  const { search } = useLocation();
  return (
    // The same page header as every other section (title on the page, content below), not a title inside a card.
    <List title="Analytics">
      <Typography.Paragraph type="secondary">
        Figures come from the nightly rollups (days in UTC, up to yesterday by default). Compare shows the change against the previous period of equal length.
      </Typography.Paragraph>
      <Tabs
        activeKey={TABS.some((t) => t.key === tab) ? tab : "overview"}
        destroyOnHidden
        onChange={(key) => navigate({ pathname: key === "overview" ? "/analytics" : `/analytics/${key}`, search })}
        items={TABS}
      />
    </List>
  );
}
