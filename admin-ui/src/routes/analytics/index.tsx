import { Card, Tabs, Typography } from "antd";
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
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Analytics
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Figures come from the nightly rollups (days in UTC, up to yesterday by default). Compare shows the change against the previous period of equal length.
      </Typography.Paragraph>
      <Tabs
        activeKey={TABS.some((t) => t.key === tab) ? tab : "overview"}
        destroyOnHidden
        onChange={(key) => navigate({ pathname: key === "overview" ? "/analytics" : `/analytics/${key}`, search })}
        items={TABS}
      />
    </Card>
  );
}
