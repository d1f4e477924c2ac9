import { useCallback, useEffect, useState } from "react";
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Popconfirm, Progress, Row, Space, Table, Tag, Typography } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { http } from "../../providers/http";
import { formatDateTime, formatNumber, pickerDateFormats } from "../../lib/format";

interface Status {
  health: { status: "ok" | "down"; latencyMs: number; engine: string };
  outbox: { pending: number; oldestAt: string | null; lastError: string | null };
  lastRun: { id: string; status: "running" | "succeeded" | "failed"; engine: string; total: number; done: number; error: string | null; startedAt: string; finishedAt: string | null } | null;
}
interface Report {
  totalQueries: number;
  top: Array<{ query: string; count: number; users: number; avgResults: number }>;
  zeroResults: Array<{ query: string; count: number; lastSearchedAt: string }>;
}

/** The engine's state, the rebuild button with its progress, and the query reports (top and zero-result queries). */
export function IndexTools() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, "day"), dayjs()]);
  const [report, setReport] = useState<Report | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);

  const loadStatus = useCallback(() => {
    http
      .get<Status>("/admin/search/status")
      .then((r) => {
        setStatus(r.data);
        setStatusError(null);
      })
      .catch((e: Error) => setStatusError(e.message));
  }, []);
  useEffect(loadStatus, [loadStatus]);
  // poll while a rebuild runs
  useEffect(() => {
    if (status?.lastRun?.status !== "running") return;
    const t = setInterval(loadStatus, 1000);
    return () => clearInterval(t);
  }, [status?.lastRun?.status, loadStatus]);

  useEffect(() => {
    setReport(null);
    http
      .get<Report>("/admin/search/queries", { params: { date_from: range[0].format("YYYY-MM-DD"), date_to: range[1].format("YYYY-MM-DD") } })
      .then((r) => {
        setReport(r.data);
        setReportError(null);
      })
      .catch((e: Error) => setReportError(e.message));
  }, [range]);

  const rebuild = async () => {
    setStarting(true);
    try {
      await http.post("/admin/search/reindex");
      message.success("Rebuild started");
      loadStatus();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setStarting(false);
    }
  };

  const run = status?.lastRun;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title="Search index"
        loading={!status && !statusError}
        extra={<Button icon={<ReloadOutlined />} onClick={loadStatus} aria-label="Refresh" />}
      >
        {statusError && <Alert type="error" showIcon message={statusError} />}
        {status && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="Engine">{status.health.engine === "meilisearch" ? "Meilisearch" : "PostgreSQL full-text"}</Descriptions.Item>
              <Descriptions.Item label="Health">
                <Tag color={status.health.status === "ok" ? "green" : "red"}>{status.health.status === "ok" ? "Up" : "Down"}</Tag> {status.health.latencyMs} ms
              </Descriptions.Item>
              <Descriptions.Item label="Changes waiting">
                {formatNumber(status.outbox.pending)}
                {status.outbox.oldestAt && <Typography.Text type="secondary"> (oldest {formatDateTime(status.outbox.oldestAt)})</Typography.Text>}
              </Descriptions.Item>
            </Descriptions>
            {status.outbox.lastError && <Alert type="warning" showIcon message="The indexer is retrying" description={status.outbox.lastError} />}
            {run && (
              <div data-testid="reindex-progress">
                <Typography.Text>
                  Last rebuild: {formatDateTime(run.startedAt)} — {run.status === "running" ? "running" : run.status === "succeeded" ? "finished" : "failed"} ({formatNumber(run.done)} of {formatNumber(run.total)} documents)
                </Typography.Text>
                <Progress aria-label="Rebuild progress" percent={run.total ? Math.min(100, Math.round((run.done / run.total) * 100)) : run.status === "succeeded" ? 100 : 0} status={run.status === "failed" ? "exception" : run.status === "running" ? "active" : "success"} />
                {run.error && <Alert type="error" showIcon message={run.error} />}
              </div>
            )}
            <Popconfirm
              title="Rebuild the search index?"
              description="Every document is re-read from the database. Search results may be incomplete until it finishes."
              okText="Rebuild"
              onConfirm={rebuild}
            >
              <Button type="primary" loading={starting} disabled={run?.status === "running"}>
                Rebuild index
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Card>
      <Card
        title="What people search for"
        extra={<DatePicker.RangePicker format={pickerDateFormats()} value={range} allowClear={false} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} aria-label="Report dates" />}
      >
        {reportError && <Alert type="error" showIcon message={reportError} />}
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>Top queries {report && <Typography.Text type="secondary">({formatNumber(report.totalQueries)} searches)</Typography.Text>}</Typography.Title>
            <Table
              scroll={{ x: "max-content" }}
              size="small"
              loading={!report && !reportError}
              rowKey="query"
              pagination={false}
              dataSource={report?.top ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No searches in this period" /> }}
              columns={[
                { title: "Query", dataIndex: "query" },
                { title: "Searches", dataIndex: "count", align: "right" },
                { title: "People", dataIndex: "users", align: "right" },
                { title: "Avg results", dataIndex: "avgResults", align: "right" },
              ]}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>Queries with no results</Typography.Title>
            <Table
              scroll={{ x: "max-content" }}
              size="small"
              loading={!report && !reportError}
              rowKey="query"
              pagination={false}
              dataSource={report?.zeroResults ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Every search found something" /> }}
              columns={[
                { title: "Query", dataIndex: "query" },
                { title: "Searches", dataIndex: "count", align: "right" },
                { title: "Last", dataIndex: "lastSearchedAt", render: (v: string) => formatDateTime(v) },
              ]}
            />
          </Col>
        </Row>
      </Card>
    </Space>
  );
}
