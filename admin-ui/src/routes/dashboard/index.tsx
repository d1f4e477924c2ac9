import { Alert, Button, Card, Col, Flex, List as AntList, Row, Skeleton, Space, Tag, Typography } from "antd";
import { ArrowRightOutlined, ReloadOutlined } from "@ant-design/icons";
import { useCustom } from "@refinedev/core";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { RoleTag } from "../../components/tags";
import { sectionsFor } from "../../lib/sections";
import { useCurrentUser } from "../../lib/use-current-user";
import type { ApiError } from "../../providers/http";
import { AlertsList } from "../system/alerts-card";
import { HealthSummary } from "./health-summary";
import { KeyNumbers } from "./key-numbers";
import { RecentActivity } from "./recent-activity";
import { SystemCard } from "./system-card";
import type { DashboardSummary } from "./types";

/** The console's first page: health, key numbers, alerts, recent activity and quick links, as the role allows. */
export default function DashboardPage() {
  const { user, isLoading, can } = useCurrentUser();
  const sections = user ? sectionsFor(user.permissions) : [];
  const dashboard = useCustom<DashboardSummary>({
    url: "/admin/dashboard",
    method: "get",
    errorNotification: false,
    queryOptions: { refetchInterval: 30_000 },
  });
  const summary = dashboard.query.isSuccess ? (dashboard.result.data as DashboardSummary) : undefined;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card>
        {isLoading || !user ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : (
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Flex vertical gap={4}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                Welcome, {user.name}
              </Typography.Title>
              <Space size="small" wrap>
                <Typography.Text type="secondary">Signed in as {user.email} ·</Typography.Text>
                <RoleTag role={user.role} />
                {summary?.maintenance.enabled && <Tag color="warning">Maintenance mode on</Tag>}
              </Space>
            </Flex>
            <Button icon={<ReloadOutlined spin={dashboard.query.isFetching} />} onClick={() => dashboard.query.refetch()}>
              Refresh
            </Button>
          </Flex>
        )}
      </Card>

      {dashboard.query.isError && <QueryError error={dashboard.query.error as ApiError} onRetry={() => dashboard.query.refetch()} title="Could not load the dashboard" />}
      {dashboard.query.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 2 }} />
        </Card>
      ) : (
        summary && <KeyNumbers summary={summary} />
      )}

      <Row gutter={[24, 24]}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {summary?.alerts && (
              <Card title="Active alerts" extra={<Link to="/system">Thresholds</Link>} data-testid="dashboard-alerts">
                {summary.alerts.length > 0 && (
                  <Alert type="error" showIcon message={`${summary.alerts.length} alert threshold${summary.alerts.length === 1 ? " is" : "s are"} crossed`} style={{ marginBottom: 12 }} />
                )}
                <AlertsList alerts={summary.alerts} openOnly />
              </Card>
            )}
            {summary?.recentActivity && <RecentActivity entries={summary.recentActivity} />}
            <Card title="Quick actions">
              <AntList
                dataSource={[
                  ...(can("system.manage") ? [{ resource: "maintenance", label: "Maintenance mode", path: "/system", description: "Turn maintenance mode on or off and set the message customers see." }] : []),
                  ...sections,
                ]}
                locale={{ emptyText: "Your role does not include any section yet. Ask a super admin for access." }}
                renderItem={(section) => (
                  <AntList.Item
                    actions={[
                      <Link key="open" to={section.path} aria-label={`Open ${section.label}`}>
                        Open <ArrowRightOutlined />
                      </Link>,
                    ]}
                  >
                    <AntList.Item.Meta title={<Link to={section.path}>{section.label}</Link>} description={section.description} />
                  </AntList.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {summary?.health ? <HealthSummary health={summary.health} /> : <SystemCard />}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
