import { Card, Empty, List, Space, Tag, Typography, theme } from "antd";
import { AlertOutlined } from "@ant-design/icons";
import { formatDateTime, formatPercent, formatRelative } from "../../lib/format";
import type { MonitoringAlert } from "./types";

// "9.4%", "850 ms"
const value = (a: MonitoringAlert, n: number) => (a.unit === "%" ? formatPercent(Math.round(n * 10) / 1000) : `${Math.round(n * 10) / 10} ${a.unit}`);

/** Open alerts (and, unless `openOnly`, the recently resolved ones). */
export function AlertsList({ alerts, openOnly = false }: { alerts: MonitoringAlert[]; openOnly?: boolean }) {
  const { token } = theme.useToken();
  const shown = openOnly ? alerts.filter((a) => !a.resolvedAt) : alerts;
  if (shown.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={openOnly ? "No active alerts" : "No alerts yet"} />;
  }
  return (
    <List
      size="small"
      dataSource={shown}
      renderItem={(a) => (
        <List.Item data-testid={`alert-${a.metric}`}>
          <List.Item.Meta
            avatar={<AlertOutlined style={{ color: a.resolvedAt ? undefined : token.colorError }} />}
            title={
              <Space wrap>
                {a.label}
                {a.resolvedAt ? <Tag>resolved</Tag> : <Tag color="error">active</Tag>}
              </Space>
            }
            description={
              <Typography.Text type="secondary">
                {value(a, a.resolvedAt ? a.value : a.lastValue)} over {value(a, a.threshold)} · since {formatDateTime(a.startedAt)}
                {a.resolvedAt ? ` · resolved ${formatRelative(a.resolvedAt)}` : ""}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}

export function AlertsCard({ alerts, loading }: { alerts: MonitoringAlert[] | undefined; loading: boolean }) {
  return (
    <Card title="Alerts" loading={loading && !alerts} style={{ height: "100%" }}>
      <AlertsList alerts={alerts ?? []} />
    </Card>
  );
}
