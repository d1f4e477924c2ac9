import { lazy, Suspense, useState } from "react";
import { Alert, Button, Card, Col, Flex, Row, Segmented, Skeleton, Space, Statistic, Switch, Typography, theme } from "antd";
import { BugOutlined, FileSearchOutlined, ReloadOutlined } from "@ant-design/icons";
import { useNavigate } from "react-router";
import { List } from "@refinedev/antd";
import { useCustom } from "@refinedev/core";
import { QueryError } from "../../components/query-error";
import { formatDateTime, formatNumber, formatPercent } from "../../lib/format";
import { useCurrentUser } from "../../lib/use-current-user";
import type { ApiError } from "../../providers/http";
import { AlertsCard } from "./alerts-card";
import { HealthCards } from "./health-cards";
import { HealthTag, formatLatency } from "./health-status";
import { MaintenanceCard } from "./maintenance-card";
import { PerformanceTable } from "./performance-table";
import { ThresholdsForm } from "./thresholds-form";
import type { MaintenanceState, MonitoringAlert, Performance, SystemHealth, Thresholds } from "./types";

const TrafficChart = lazy(() => import("./traffic-chart"));

const REFRESH_MS = 15_000;
const WINDOWS = [
  { label: "15 min", value: 15 },
  { label: "1 hour", value: 60 },
];

/** Health of every component, request performance per route, alerts and thresholds, maintenance mode. */
export default function SystemMonitoringPage() {
  const { token } = theme.useToken();
  const { can } = useCurrentUser();
  const navigate = useNavigate();
  const canManage = can("system.manage");
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [minutes, setMinutes] = useState(60);
  const refetchInterval = autoRefresh ? REFRESH_MS : (false as const);

  const health = useCustom<SystemHealth>({ url: "/admin/system/health", method: "get", errorNotification: false, queryOptions: { refetchInterval } });
  const performance = useCustom<Performance>({
    url: "/admin/system/performance",
    method: "get",
    config: { query: { minutes } },
    errorNotification: false,
    queryOptions: { refetchInterval },
  });
  const alerts = useCustom<MonitoringAlert[]>({ url: "/admin/system/alerts", method: "get", errorNotification: false, queryOptions: { refetchInterval } });
  const thresholds = useCustom<Thresholds>({ url: "/admin/system/thresholds", method: "get", errorNotification: false });
  const maintenance = useCustom<MaintenanceState>({ url: "/admin/system/maintenance", method: "get", errorNotification: false, queryOptions: { refetchInterval } });

  const h = health.query.isSuccess ? (health.result.data as SystemHealth) : undefined;
  const perf = performance.query.isSuccess ? (performance.result.data as Performance) : undefined;
  const t = thresholds.query.isSuccess ? (thresholds.result.data as Thresholds) : perf?.thresholds;
  const overall = perf?.overall;
  const anyFetching = health.query.isFetching || performance.query.isFetching || alerts.query.isFetching;
  const refreshAll = () => {
    void health.query.refetch();
    void performance.query.refetch();
    void alerts.query.refetch();
    void maintenance.query.refetch();
  };

  return (
    <List
      title="System monitoring"
      headerButtons={
        <Space wrap>
          <Typography.Text type="secondary">
            {h ? `Checked ${formatDateTime(h.checkedAt)}` : ""}
          </Typography.Text>
          <Space size={4}>
            <Switch size="small" checked={autoRefresh} onChange={setAutoRefresh} aria-label="Refresh automatically" />
            <Typography.Text>Auto-refresh</Typography.Text>
          </Space>
          <Button icon={<ReloadOutlined spin={anyFetching} />} onClick={refreshAll}>
            Refresh
          </Button>
          {/* Errors and the system log have their own pages (error tracking). */}
          <Button icon={<BugOutlined />} onClick={() => navigate("/errors")}>
            Errors
          </Button>
          <Button icon={<FileSearchOutlined />} onClick={() => navigate("/audit-log/system-log")}>
            System log
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Card
          title={
            <Space>
              Health
              {h && <HealthTag status={h.status} />}
            </Space>
          }
          extra={h ? <Typography.Text type="secondary">release {h.release} · up {formatUptime(h.uptimeSeconds)}</Typography.Text> : null}
        >
          {health.query.isError ? (
            <QueryError error={health.query.error as ApiError} onRetry={() => health.query.refetch()} title="Could not check health" />
          ) : (
            <HealthCards health={h} loading={health.query.isLoading} />
          )}
        </Card>

        <Card
          title="Performance"
          extra={
            <Space>
              <Typography.Text type="secondary">This server process, last</Typography.Text>
              <Segmented size="small" options={WINDOWS} value={minutes} onChange={(v) => setMinutes(Number(v))} />
            </Space>
          }
        >
          {performance.query.isError ? (
            <QueryError error={performance.query.error as ApiError} onRetry={() => performance.query.refetch()} />
          ) : (
            <Space direction="vertical" size="middle" style={{ width: "100%" }}>
              <Row gutter={[16, 16]}>
                <Col xs={12} md={8} xl={4}>
                  <Statistic title="Requests" value={overall ? formatNumber(overall.requests) : "—"} loading={!perf} />
                </Col>
                <Col xs={12} md={8} xl={4}>
                  <Statistic title="Per minute" value={overall?.requestsPerMinute ?? "—"} loading={!perf} />
                </Col>
                <Col xs={12} md={8} xl={4}>
                  <Statistic
                    title="Error rate (5xx)"
                    value={overall ? formatPercent(overall.errorRatePercent / 100) : "—"}
                    valueStyle={overall && t && overall.errorRatePercent > t.errorRatePercent ? { color: token.colorError } : undefined}
                    loading={!perf}
                  />
                </Col>
                <Col xs={12} md={8} xl={4}>
                  <Statistic title="p50" value={formatLatency(overall?.p50Ms)} loading={!perf} />
                </Col>
                <Col xs={12} md={8} xl={4}>
                  <Statistic
                    title="p95"
                    value={formatLatency(overall?.p95Ms)}
                    valueStyle={overall?.p95Ms && t && overall.p95Ms > t.p95LatencyMs ? { color: token.colorError } : undefined}
                    loading={!perf}
                  />
                </Col>
                <Col xs={12} md={8} xl={4}>
                  <Statistic title="p99" value={formatLatency(overall?.p99Ms)} loading={!perf} />
                </Col>
              </Row>
              {perf && (
                <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height: 220 }} />}>
                  <TrafficChart series={perf.series} />
                </Suspense>
              )}
              <Flex vertical gap={8}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  By route
                </Typography.Title>
                <PerformanceTable routes={perf?.routes ?? []} thresholds={t} loading={performance.query.isLoading} />
              </Flex>
              <Alert
                type="info"
                showIcon
                message="Figures are this server process's own since it started (at most the last hour); Prometheus can scrape every process at /metrics."
              />
            </Space>
          )}
        </Card>

        <Row gutter={[24, 24]}>
          <Col xs={24} xl={8}>
            <AlertsCard alerts={alerts.query.isSuccess ? (alerts.result.data as MonitoringAlert[]) : undefined} loading={alerts.query.isLoading} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <ThresholdsForm thresholds={t} loading={thresholds.query.isLoading} canManage={canManage} onSaved={() => thresholds.query.refetch()} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <MaintenanceCard
              state={maintenance.query.isSuccess ? (maintenance.result.data as MaintenanceState) : undefined}
              loading={maintenance.query.isLoading}
              canManage={canManage}
              onChanged={() => maintenance.query.refetch()}
            />
          </Col>
        </Row>
      </Space>
    </List>
  );
}

function formatUptime(seconds: number): string {
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}
