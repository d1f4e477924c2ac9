import { Button, Card, Descriptions, Space, Tag, Tooltip, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined, SyncOutlined } from "@ant-design/icons";
import { useCustom } from "@refinedev/core";
import { formatDateTime } from "../../lib/format";
import type { PublicConfig } from "../../lib/types";

/** Live API health (GET /api/health) and what is deployed (GET /api/config). Nothing here is made up. */
export function SystemCard() {
  const health = useCustom<{ status: string }>({
    url: "/health",
    method: "get",
    errorNotification: false,
    queryOptions: { retry: false, refetchInterval: 30_000 },
  });
  const config = useCustom<PublicConfig>({
    url: "/config",
    method: "get",
    errorNotification: false,
    queryOptions: { retry: false, staleTime: 60_000 },
  });

  const { isFetching, isError, error, dataUpdatedAt, errorUpdatedAt } = health.query;
  const status = (health.result.data as { status?: string } | undefined)?.status;
  const healthy = !isError && status === "ok";
  const checkedAt = Math.max(dataUpdatedAt, errorUpdatedAt);
  const cfg = config.query.isSuccess ? (config.result.data as PublicConfig) : undefined;

  let tag;
  if (health.query.isLoading) {
    tag = (
      <Tag icon={<SyncOutlined spin />} color="processing">
        Checking
      </Tag>
    );
  } else if (healthy) {
    tag = (
      <Tag icon={<CheckCircleFilled />} color="success">
        OK
      </Tag>
    );
  } else {
    tag = (
      <Tooltip title={error?.message ?? `The server reported "${status ?? "unknown"}".`}>
        <Tag icon={<CloseCircleFilled />} color="error">
          Unhealthy
        </Tag>
      </Tooltip>
    );
  }

  return (
    <Card
      title="System"
      extra={
        <Button
          type="text"
          size="small"
          icon={<ReloadOutlined spin={isFetching} />}
          onClick={() => health.query.refetch()}
          aria-label="Check again"
        />
      }
    >
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="API">
          <Space size={4} data-testid="system-health">
            {tag}
          </Space>
        </Descriptions.Item>
        {isError && (
          <Descriptions.Item label="Details">
            <Typography.Text type="danger">{error?.message}</Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="Environment">{cfg?.environment ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="Release">
          {cfg?.release ? <Typography.Text code>{cfg.release}</Typography.Text> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label="Maintenance">
          {cfg ? (cfg.maintenance.enabled ? <Tag color="warning">on</Tag> : <Tag>off</Tag>) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label="Checked">
          <Typography.Text type="secondary">{checkedAt ? formatDateTime(checkedAt) : "—"}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
