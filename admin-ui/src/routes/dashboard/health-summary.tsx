import { Card, List, Space, Typography } from "antd";
import { Link } from "react-router";
import { formatDateTime } from "../../lib/format";
import { HealthTag, formatLatency } from "../system/health-status";
import type { SystemHealth } from "../system/types";

/** Each component's status and latency, linking to System monitoring for the details. */
export function HealthSummary({ health }: { health: SystemHealth }) {
  return (
    <Card
      title={
        <Space>
          System health
          <HealthTag status={health.status} />
        </Space>
      }
      extra={<Link to="/system">Details</Link>}
      data-testid="dashboard-health"
    >
      <List
        size="small"
        dataSource={health.components}
        renderItem={(c) => (
          <List.Item extra={<HealthTag status={c.status} />}>
            <List.Item.Meta
              title={c.label}
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.latencyMs === null ? "configuration checked" : formatLatency(c.latencyMs)}
                  {c.message && c.status !== "ok" ? ` · ${c.message}` : ""}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Checked {formatDateTime(health.checkedAt)}
      </Typography.Text>
    </Card>
  );
}
