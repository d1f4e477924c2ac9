import { Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Statistic, Table, Typography, theme } from "antd";
import type { TableColumnsType } from "antd";
import { Show } from "@refinedev/antd";
import { useShow } from "@refinedev/core";
import { Link } from "react-router";
import { JsonBlock } from "../../components/json-block";
import { QueryError } from "../../components/query-error";
import { RecordBreadcrumb } from "../../components/record-breadcrumb";
import { RelativeTime } from "../../components/tags";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { useCurrentUser } from "../../lib/use-current-user";
import type { ApiError } from "../../providers/http";
import { GroupActions, GroupStatusTag, Sparkline, componentLabel } from "./components";
import { ERRORS_RESOURCE, type ErrorGroupDetail, type SystemLogLine } from "./types";
import { backIcon } from "../../components/back-icon";

function StackBlock({ stack }: { stack: string | null }) {
  const { token } = theme.useToken();
  if (!stack) return <Typography.Text type="secondary">No stack trace was recorded.</Typography.Text>;
  return (
    <pre
      data-testid="latest-stack"
      style={{
        margin: 0,
        padding: 12,
        maxHeight: 360,
        overflow: "auto",
        fontFamily: token.fontFamilyCode,
        fontSize: 12,
        lineHeight: 1.5,
        background: token.colorFillQuaternary,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
      }}
    >
      {stack}
    </pre>
  );
}

/** One error group: what it is, how often and for whom, its latest stack and context, and its events. */
export default function ErrorShowPage() {
  const { can } = useCurrentUser();
  const { query, result: group } = useShow<ErrorGroupDetail, ApiError>({ resource: ERRORS_RESOURCE, errorNotification: false });

  if (query.isLoading) {
    return (
      <Show goBack={backIcon} title="Error" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Show>
    );
  }
  if (query.error?.statusCode === 404) {
    return (
      <Result
        status="404"
        title="Error group not found"
        subTitle="No error group has this id: the link may be mistyped or incomplete."
        extra={
          <Link to="/errors">
            <Button type="primary">All errors</Button>
          </Link>
        }
      />
    );
  }
  if (query.isError || !group) {
    return (
      <Show goBack={backIcon} title="Error" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load this error" />
      </Show>
    );
  }

  const eventColumns: TableColumnsType<SystemLogLine> = [
    { title: "When", dataIndex: "createdAt", width: 190, render: (v: string) => <time dateTime={v}>{formatDateTime(v)}</time> },
    { title: "Error id", dataIndex: "id", render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
    { title: "Request", dataIndex: "requestId", render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : "—") },
    {
      title: "User",
      dataIndex: "userId",
      render: (v: string | null) => (v ? can("users.read") ? <Link to={`/users/${v}`}>Open user</Link> : <Typography.Text code>{v.slice(0, 8)}</Typography.Text> : "—"),
    },
    { title: "Sentry", dataIndex: "sentryEventId", render: (v: string | null) => (v ? <Typography.Text code copyable>{v}</Typography.Text> : "—") },
  ];

  return (
    <Show
      goBack={backIcon}
      title={group.errorType}
      breadcrumb={<RecordBreadcrumb name={group.errorType} />}
      isLoading={false}
      headerButtons={<GroupActions group={group} size="middle" />}
      canEdit={false}
      canDelete={false}
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ fontSize: 16, marginBottom: 0 }} data-testid="group-message">
          {group.message}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="Events" value={group.eventCount} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="Affected users" value={group.userCount} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title="Last 14 days">
              <Sparkline values={group.dailyTrend.map((d) => d.count)} label={`the 14 days from ${formatDate(group.dailyTrend[0]?.day)}`} width={320} height={40} />
            </Card>
          </Col>
        </Row>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="Status">
            <GroupStatusTag group={group} />
          </Descriptions.Item>
          <Descriptions.Item label="Where">{componentLabel(group.component)}</Descriptions.Item>
          <Descriptions.Item label="First seen">
            <RelativeTime value={group.firstSeenAt} />
          </Descriptions.Item>
          <Descriptions.Item label="Last seen">
            <RelativeTime value={group.lastSeenAt} />
          </Descriptions.Item>
          {group.resolvedAt && <Descriptions.Item label="Resolved">{formatDateTime(group.resolvedAt)}</Descriptions.Item>}
          {group.regressedAt && <Descriptions.Item label="Regressed">{formatDateTime(group.regressedAt)}</Descriptions.Item>}
          <Descriptions.Item label="Fingerprint" span={2}>
            <Typography.Text code>{group.fingerprint}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Card size="small" title="Latest stack trace">
          <StackBlock stack={group.lastStack} />
        </Card>
        <Card size="small" title="Latest context">
          <JsonBlock title="" value={group.lastContext} />
        </Card>
        <Card size="small" title={`Recent events (${formatNumber(group.events.length)} of ${formatNumber(group.eventCount)})`}>
          <Table<SystemLogLine>
            rowKey="id"
            size="small"
            columns={eventColumns}
            dataSource={group.events}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No events kept" /> }}
          />
        </Card>
      </Flex>
    </Show>
  );
}
