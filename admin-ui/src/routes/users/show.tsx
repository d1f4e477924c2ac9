import { Button, Card, Col, Descriptions, Empty, Progress, Result, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { Show } from "@refinedev/antd";
import { useShow } from "@refinedev/core";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { RelativeTime, RoleTag, StatusTag } from "../../components/tags";
import { formatDateTime, formatNumber } from "../../lib/format";
import { listLinkWithFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import type { AuditEntry, Project, UserDetail } from "../../lib/types";
import type { ApiError } from "../../providers/http";
import { RoleCard } from "./role-card";

/** The page's cards sit directly on the layout background instead of inside Refine's default card. */
const flatContent = { variant: "borderless" as const, style: { background: "transparent", boxShadow: "none" }, styles: { body: { padding: 0 } } };

export default function UserShowPage() {
  const { query, result: user } = useShow<UserDetail, ApiError>({ resource: "users", errorNotification: false });
  const { can } = useCurrentUser();

  if (query.isError && !user) {
    if (query.error?.statusCode === 404) {
      return (
        <Result
          status="404"
          title="User not found"
          subTitle="This account does not exist or has been deleted."
          extra={
            <Link to="/users">
              <Button type="primary">All users</Button>
            </Link>
          }
        />
      );
    }
    return (
      <Show title="User" isLoading={false}>
        <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load this user" />
      </Show>
    );
  }

  if (!user) {
    return (
      <Show title="User" isLoading={false}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Show>
    );
  }

  const auditTrailLink = listLinkWithFilters("/audit-log", [
    { field: "targetType", value: "user" },
    { field: "targetId", value: user.id },
  ]);

  return (
    <Show title={user.name || user.email} isLoading={false} contentProps={flatContent}>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Card title="Profile">
              <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} size="middle">
                <Descriptions.Item label="Name">{user.name}</Descriptions.Item>
                <Descriptions.Item label="E-mail">
                  <Typography.Text copyable>{user.email}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="Role">
                  <RoleTag role={user.role} />
                </Descriptions.Item>
                <Descriptions.Item label="Status">
                  <StatusTag status={user.status} />
                </Descriptions.Item>
                <Descriptions.Item label="Signed up">{formatDateTime(user.createdAt)}</Descriptions.Item>
                <Descriptions.Item label="Last active">
                  <RelativeTime value={user.lastActiveAt} />
                </Descriptions.Item>
                <Descriptions.Item label="User id" span={2}>
                  <Typography.Text code copyable>
                    {user.id}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>

            <Card>
              <Row gutter={[16, 16]}>
                {(
                  [
                    ["Projects", user.projectCount],
                    ["Snippets", user.snippetCount],
                    ["Analyses", user.analysisCount],
                    ["Intakes", user.intakeCount],
                  ] as const
                ).map(([title, value]) => (
                  <Col xs={12} md={6} key={title}>
                    <Statistic title={title} value={value ?? 0} formatter={(v) => formatNumber(Number(v))} />
                  </Col>
                ))}
              </Row>
            </Card>

            <Card title="Recent projects">
              <Table<Project>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={user.recentProjects ?? []}
                scroll={{ x: true }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No projects yet" /> }}
                columns={[
                  { title: "Name", dataIndex: "name", render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
                  { title: "Status", dataIndex: "status", render: (status: string) => <StatusTag status={status} /> },
                  {
                    title: "Completion",
                    dataIndex: "completionPercentage",
                    width: 160,
                    render: (value: number) => <Progress percent={value} size="small" />,
                  },
                  { title: "Snippets", dataIndex: "snippetCount", align: "right" },
                  { title: "Analyses", dataIndex: "analysisCount", align: "right" },
                  { title: "Updated", dataIndex: "updatedAt", render: (value: string) => <RelativeTime value={value} /> },
                ]}
              />
            </Card>

            <Card
              title="Recent audit entries"
              extra={can("audit.read") ? <Link to={auditTrailLink}>Open in audit trail</Link> : undefined}
            >
              <Table<AuditEntry>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={user.recentAudit ?? []}
                scroll={{ x: true }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No audit entries about this user" /> }}
                columns={[
                  {
                    title: "Time",
                    dataIndex: "createdAt",
                    render: (value: string) => <time dateTime={value}>{formatDateTime(value)}</time>,
                  },
                  {
                    title: "Action",
                    dataIndex: "action",
                    render: (action: string) => (
                      <Tag style={{ fontFamily: "monospace" }} bordered={false}>
                        {action}
                      </Tag>
                    ),
                  },
                  {
                    title: "By",
                    dataIndex: "actorEmail",
                    render: (email: string | null) => email ?? <Typography.Text type="secondary">system</Typography.Text>,
                  },
                  { title: "IP", dataIndex: "ip", render: (ip: string | null) => ip ?? "—" },
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <RoleCard user={user} />
        </Col>
      </Row>
    </Show>
  );
}
