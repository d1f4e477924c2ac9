import { Card, Col, Descriptions, Row, Skeleton, Space, Typography } from "antd";
import { CloudServerOutlined, DatabaseOutlined, MailOutlined, SearchOutlined, ThunderboltOutlined, CreditCardOutlined } from "@ant-design/icons";
import { formatBytes, formatNumber, formatPercent } from "../../lib/format";
import { HealthTag, formatLatency } from "./health-status";
import type { ComponentHealth, SystemHealth } from "./types";

const ICONS: Record<ComponentHealth["name"], React.ReactNode> = {
  database: <DatabaseOutlined />,
  jobQueue: <ThunderboltOutlined />,
  search: <SearchOutlined />,
  payments: <CreditCardOutlined />,
  mailer: <MailOutlined />,
};

const DETAIL_LABELS: Record<string, string> = {
  sizeBytes: "Size",
  connections: "Connections",
  cacheHitPercent: "Cache hits",
  backlog: "Waiting",
  active: "Running",
  failedLast24h: "Failed (24 h)",
  oldestWaitingSeconds: "Oldest waiting",
  engine: "Engine",
  processor: "Processor",
  mode: "Mode",
  webhooksConfigured: "Webhooks",
  pending: "Pending",
  failing: "Failing",
};

function formatDetail(key: string, value: string | number | boolean | null): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  if (key === "sizeBytes") return formatBytes(value);
  if (key === "cacheHitPercent") return formatPercent(Number(value) / 100);
  if (key === "oldestWaitingSeconds") return value ? `${formatNumber(value)} s` : "—";
  return formatNumber(value);
}

function ComponentCard({ component }: { component: ComponentHealth }) {
  return (
    <Card
      size="small"
      data-testid={`health-${component.name}`}
      title={
        <Space>
          {ICONS[component.name] ?? <CloudServerOutlined />}
          {component.label}
        </Space>
      }
      extra={<HealthTag status={component.status} />}
      style={{ height: "100%" }}
    >
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="Latency">
          {component.latencyMs === null ? <Typography.Text type="secondary">not measured</Typography.Text> : formatLatency(component.latencyMs)}
        </Descriptions.Item>
        {Object.entries(component.details).map(([key, value]) => (
          <Descriptions.Item key={key} label={DETAIL_LABELS[key] ?? key}>
            {formatDetail(key, value)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {component.message && (
        <Typography.Paragraph type={component.status === "ok" ? "secondary" : "danger"} style={{ margin: "8px 0 0", fontSize: 12 }}>
          {component.message}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** One card per component of GET /api/admin/system/health. */
export function HealthCards({ health, loading }: { health: SystemHealth | undefined; loading: boolean }) {
  if (loading && !health) {
    return (
      <Row gutter={[16, 16]}>
        {Array.from({ length: 5 }, (_, i) => (
          <Col key={i} xs={24} sm={12} xl={8}>
            <Card size="small">
              <Skeleton active paragraph={{ rows: 3 }} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  if (!health) return null;
  return (
    <Row gutter={[16, 16]}>
      {health.components.map((component) => (
        <Col key={component.name} xs={24} sm={12} xl={8} xxl={8}>
          <ComponentCard component={component} />
        </Col>
      ))}
    </Row>
  );
}
