import { Card, Col, Row, Skeleton, Table, Tag } from "antd";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { formatNumber, formatPercent, humanize } from "../../lib/format";
import type { ApiError } from "../../providers/http";
import { FilterBar, useFilters } from "./filters";
import { KpiCards, type KpiDef } from "./kpi-cards";
import { LazyChart } from "./lazy-chart";
import type { PlatformReport, UsersReport } from "./types";
import { useReport } from "./use-report";

const n = (v: number) => formatNumber(v);
const pct = (v: number) => formatPercent(v / 100);

const USER_KPIS: KpiDef[] = [
  { key: "totalCustomers", title: "Customers", format: n, hint: "Customers signed up by the end of the period" },
  { key: "signups", title: "Signups", format: n },
  { key: "activeUsers", title: "Active customers", format: n, hint: "Customers with any activity in the period" },
  { key: "avgDau", title: "Avg daily active", format: (v) => formatNumber(Math.round(v * 10) / 10) },
  { key: "wau", title: "Weekly active", format: n, hint: "Active in the last 7 days of the period" },
  { key: "mau", title: "Monthly active", format: n, hint: "Active in the last 30 days of the period" },
  { key: "stickiness", title: "Stickiness (DAU/MAU)", format: pct },
  { key: "eventsPerActiveUser", title: "Events per active customer", format: (v) => formatNumber(v) },
  { key: "churnRate", title: "Activity churn", format: pct, inverse: true, hint: "Share of the customers active in the previous period of equal length who were not active in this one" },
];

const PLATFORM_KPIS: KpiDef[] = [
  { key: "projectsCreated", title: "Projects created", format: n },
  { key: "analysesRun", title: "Analyses run", format: n },
  { key: "completionRate", title: "Analysis completion rate", format: pct },
  { key: "analysesPerActiveUser", title: "Analyses per active customer", format: (v) => formatNumber(v) },
];

const FEATURE_LABELS: Record<string, string> = { projects: "Create projects", snippets: "Add snippets", analyses: "Run analyses", exports: "Export", search: "Search", support: "Support tickets", ui_features: "Other features" };

/** Users and platform: growth, active customers, engagement, churn, analyses, adoption, top projects and customers. */
export function AnalyticsOverview() {
  const { filters, set, query } = useFilters();
  const users = useReport<UsersReport>("users", query);
  const platform = useReport<PlatformReport>("platform", query);
  const u = users.data;
  const p = platform.data;
  return (
    <>
      <FilterBar report="users" range={u?.range} filters={filters} set={set} query={query} />
      {users.q.isError && <QueryError error={users.q.error as ApiError} onRetry={() => users.q.refetch()} title="Could not load user analytics" />}
      {platform.q.isError && <QueryError error={platform.q.error as ApiError} onRetry={() => platform.q.refetch()} title="Could not load platform analytics" />}
      {!u || !p ? (
        (users.q.isLoading || platform.q.isLoading) && <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <KpiCards defs={USER_KPIS} kpis={u.kpis} previous={u.previous?.kpis} changes={u.changes} />
          </Col>
          <Col span={24}>
            <KpiCards defs={PLATFORM_KPIS} kpis={p.kpis} previous={p.previous?.kpis} changes={p.changes} />
          </Col>
          <Col xs={24} xl={12}>
            <Card title="Customer growth">
              <LazyChart spec={{ kind: "line", x: "day", y: "customers", data: u.series.map((d) => ({ day: d.day, customers: d.totalCustomers })), yTitle: "customers" }} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title="Daily active customers and signups">
              <LazyChart empty={!u.series.some((d) => d.activeUsers || d.signups)} spec={{ kind: "column", group: true, x: "day", y: "count", color: "kind", data: u.series.flatMap((d) => [{ day: d.day, kind: "Active", count: d.activeUsers }, { day: d.day, kind: "Signups", count: d.signups }]) }} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title="Analyses per day">
              <LazyChart empty={!p.series.some((d) => d.analysesRun)} spec={{ kind: "column", stack: true, x: "day", y: "count", color: "kind", data: p.series.flatMap((d) => [{ day: d.day, kind: "Completed", count: d.analysesCompleted }, { day: d.day, kind: "Not completed", count: Math.max(0, d.analysesRun - d.analysesCompleted) }]) }} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title="Feature adoption" extra="share of active customers">
              <LazyChart empty={p.featureAdoption.every((f) => f.users === 0)} spec={{ kind: "bar", x: "feature", y: "share", data: p.featureAdoption.map((f) => ({ feature: FEATURE_LABELS[f.feature] ?? f.feature, share: f.share })), yTitle: "%" }} />
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card title="Top projects">
              <Table
                rowKey="id"
                size="small"
                scroll={{ x: true }}
                pagination={false}
                dataSource={p.topProjects}
                columns={[
                  { title: "Project", dataIndex: "name" },
                  { title: "Owner", dataIndex: "ownerEmail" },
                  { title: "Tier", dataIndex: "tier", render: (t: string) => <Tag>{humanize(t)}</Tag> },
                  { title: "Analyses", dataIndex: "analyses", align: "right", render: n },
                  { title: "Bugs", dataIndex: "bugsFound", align: "right", render: n },
                  { title: "Avg quality", dataIndex: "avgQualityScore", align: "right", render: (v: number | null) => v ?? "—" },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card title="Top customers">
              <Table
                rowKey="id"
                size="small"
                scroll={{ x: true }}
                pagination={false}
                dataSource={p.topCustomers}
                columns={[
                  { title: "Customer", dataIndex: "email", render: (email: string, r) => <Link to={`/users/${r.id}`}>{email}</Link> },
                  { title: "Tier", dataIndex: "tier", render: (t: string) => <Tag>{humanize(t)}</Tag> },
                  { title: "Analyses", dataIndex: "analyses", align: "right", render: n },
                  { title: "Events", dataIndex: "events", align: "right", render: n },
                  { title: "Active days", dataIndex: "activeDays", align: "right" },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
