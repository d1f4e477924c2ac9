import { Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Space, Statistic, Typography } from "antd";
import { Show } from "@refinedev/antd";
import { useShow } from "@refinedev/core";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { RecordBreadcrumb } from "../../components/record-breadcrumb";
import { RelativeTime, RoleTag, StatusTag } from "../../components/tags";
import { formatDateTime, formatNumber } from "../../lib/format";
import type { UserDetail } from "../../lib/types";
import type { ApiError } from "../../providers/http";
import { RoleCard } from "./role-card";
import { HistoryTabs } from "./history-tabs";
import { UserActionsCard } from "./user-actions";
import type { UserHistory } from "./types";
import { backIcon } from "../../components/back-icon";

/** The page's cards sit directly on the layout background instead of inside Refine's default card. */
const flatContent = { variant: "borderless" as const, style: { background: "transparent", boxShadow: "none" }, styles: { body: { padding: 0 } } };

export default function UserShowPage() {
  const { query, result: user } = useShow<UserHistory, ApiError>({ resource: "users", errorNotification: false });

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
      <Show goBack={backIcon} title="User" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load this user" />
      </Show>
    );
  }

  if (!user) {
    return (
      <Show goBack={backIcon} title="User" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Show>
    );
  }

  return (
    <Show goBack={backIcon} title={user.name || user.email} isLoading={false} breadcrumb={<RecordBreadcrumb name={user.name || user.email} />} contentProps={flatContent}>
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
                <Descriptions.Item label="Plan">{user.subscription ? user.subscription.tierDisplayName : user.role === "customer" ? "Free" : "—"}</Descriptions.Item>
                <Descriptions.Item label="Open sessions">{formatNumber(user.activeSessionCount ?? 0)}</Descriptions.Item>
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

            <HistoryTabs user={user} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap="large">
            <UserActionsCard user={user} />
            <RoleCard user={user as unknown as UserDetail} />
          </Flex>
        </Col>
      </Row>
    </Show>
  );
}
