import { useCustom, type HttpError } from '@refinedev/core';
import { Card, Col, Empty, List as AntList, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error';
import { formatDate, formatDay, formatPercent, formatRelative, humanize } from '../../lib/format';
import { ProjectStatusTag } from '../projects/project-status';
import type { ProjectStatus } from '../../lib/api-types';
import { LazyChart } from './lazy-chart';
import { RangeFilter, useRangeParams } from './range-filter';
import type { ActivityItem, CustomerDashboard, ProjectAnalyticsRow, TimelineDay } from './types';

const EVENT_LABELS: Record<string, string> = {
  login: 'Signed in',
  project_created: 'Created a project',
  snippet_created: 'Added a snippet',
  analysis_run: 'Started an analysis',
  analysis_completed: 'Analysis finished',
  export_download: 'Exported analytics',
  upgrade: 'Upgraded the plan',
  downgrade: 'Scheduled a downgrade',
  ticket_created: 'Opened a support ticket',
  search: 'Searched',
};

function useGet<T>(url: string, query: Record<string, string | number>) {
  const { query: q, result } = useCustom<T & object, HttpError>({ url, method: 'get', config: { query }, errorNotification: false });
  return { q, data: q.isSuccess ? (result.data as T) : undefined };
}

/** A KPI with its change against the previous period (shown when comparing). */
function Kpi({ title, value, change, testId }: { title: string; value: number | string; change?: number | null; testId: string }) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Statistic title={title} value={value} />
      {change !== undefined && (
        <Typography.Text type={change === null ? 'secondary' : change >= 0 ? 'success' : 'danger'} style={{ fontSize: 12 }}>
          {change === null ? 'no previous data' : <>{change >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(change)}% vs previous period</>}
        </Typography.Text>
      )}
    </Card>
  );
}

function activityText(a: ActivityItem): string {
  const base = EVENT_LABELS[a.type] ?? a.type;
  const d = a.details;
  if (a.type === 'analysis_completed' && d.qualityScore !== undefined) {
    const bugs = Number(d.bugsFound ?? 0);
    return `${base}: ${humanize(String(d.analysisType ?? ''))} · quality ${String(d.qualityScore)} · ${bugs} ${bugs === 1 ? 'bug' : 'bugs'}`;
  }
  if ((a.type === 'upgrade' || a.type === 'downgrade') && d.toTier) return `${base} to ${humanize(String(d.toTier))}`;
  return base;
}

/** The customer's analytics: overview cards, timeline, analysis distribution, quality trend, projects and recent activity. */
export default function AnalyticsPage() {
  const [state, setState, query] = useRangeParams();
  const dashboard = useGet<CustomerDashboard>('/analytics/dashboard', query);
  const timeline = useGet<{ range: { from: string; to: string }; days: TimelineDay[] }>('/analytics/timeline', query);
  const projects = useGet<ProjectAnalyticsRow[]>('/analytics/projects', { ...query, _start: 0, _end: 10 });
  const d = dashboard.data;
  const days = timeline.data?.days ?? [];
  const hasActivity = days.some((x) => x.events > 0);
  const change = (k: keyof CustomerDashboard['kpis']) => (d?.changes ? d.changes[k] : undefined);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            Analytics
          </Typography.Title>
          <Typography.Text type="secondary">
            {d ? `${formatDay(d.range.from)} – ${formatDay(d.range.to)} (days in UTC)` : 'Your projects and analyses over time'}
          </Typography.Text>
          <RangeFilter range={d?.range} state={state} onChange={setState} exportQuery={query} />
        </Space>
      </Card>

      {dashboard.q.isError && <QueryError error={dashboard.q.error} onRetry={() => dashboard.q.refetch()} title="Could not load your analytics" />}
      {dashboard.q.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      ) : (
        d && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}><Kpi testId="kpi-projects" title="Total projects" value={d.totals.totalProjects} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="kpi-active" title="Active projects" value={d.totals.activeProjects} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="kpi-completion" title="Completion rate" value={formatPercent(d.totals.completionRate / 100)} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="kpi-analyses" title="Analyses in period" value={d.kpis.analysesRun} change={change('analysesRun')} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="kpi-quality" title="Avg quality score" value={d.kpis.avgQualityScore} change={change('avgQualityScore')} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="kpi-ai" title="AI interactions (all time)" value={d.totals.aiInteractions} /></Col>
          </Row>
        )
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="Project timeline" extra={<Typography.Text type="secondary">per day</Typography.Text>}>
            {timeline.q.isError ? (
              <QueryError error={timeline.q.error} onRetry={() => timeline.q.refetch()} />
            ) : timeline.q.isLoading ? (
              <Skeleton active />
            ) : (
              <LazyChart
                empty={!hasActivity}
                spec={{ kind: 'column', stack: true, x: 'day', y: 'count', color: 'kind', data: days.flatMap((x) => [{ day: x.day, kind: 'Analyses finished', count: x.analysesCompleted }, { day: x.day, kind: 'Projects created', count: x.projectsCreated }, { day: x.day, kind: 'Snippets added', count: x.snippetsCreated }]) }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="Analysis distribution">
            {d && d.distribution.length > 0 ? <LazyChart spec={{ kind: 'pie', data: d.distribution.map((x) => ({ ...x, type: humanize(x.type) })), angle: 'count', color: 'type' }} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No analyses in this period" />}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title="Quality trend" extra={<Typography.Text type="secondary">average of finished analyses</Typography.Text>}>
            <LazyChart empty={!days.some((x) => x.avgQualityScore !== null)} spec={{ kind: 'line', x: 'day', y: 'score', data: days.filter((x) => x.avgQualityScore !== null).map((x) => ({ day: x.day, score: x.avgQualityScore })), yTitle: 'quality score', days: timeline.data?.range }} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="Recent activity" styles={{ body: { padding: 0 } }}>
            {/* the feed scrolls within the card: Tab reaches it, so the keyboard can scroll it too */}
            <div tabIndex={0} role="region" aria-label="Recent activity" style={{ maxHeight: 320, overflow: 'auto', padding: '12px 24px' }}>
              {d && d.recentActivity.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Nothing yet" />
              ) : (
                <AntList
                  loading={dashboard.q.isLoading}
                  dataSource={d?.recentActivity ?? []}
                  size="small"
                  data-testid="activity-feed"
                  renderItem={(a) => (
                    <AntList.Item>
                      <AntList.Item.Meta
                        title={activityText(a)}
                        description={
                          <>
                            {formatRelative(a.occurredAt)}
                            {a.projectId && a.projectName && (
                              <>
                                {' · '}
                                <Link to={`/analytics/projects/${a.projectId}`}>{a.projectName}</Link>
                              </>
                            )}
                          </>
                        }
                      />
                    </AntList.Item>
                  )}
                />
              )}
            </div>
          </Card>
        </Col>
      </Row>

      <Card title="Projects" extra={<Typography.Text type="secondary">most analysed in this period</Typography.Text>}>
        {projects.q.isError && <QueryError error={projects.q.error} onRetry={() => projects.q.refetch()} />}
        {/* narrower screens drop the secondary columns rather than scroll sideways */}
        <Table<ProjectAnalyticsRow>
          rowKey="id"
          size="small"
          loading={projects.q.isLoading}
          dataSource={projects.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>No projects yet. <Link to="/projects/create">Create one</Link></>} /> }}
          columns={[
            { title: 'Project', dataIndex: 'name', render: (name: string, r) => <Link to={`/analytics/projects/${r.id}`}>{name}</Link> },
            { title: 'Status', dataIndex: 'status', render: (s: ProjectStatus) => <ProjectStatusTag status={s} /> },
            { title: 'Analyses (period)', dataIndex: 'analysesInRange', align: 'right' },
            { title: 'Bugs found (period)', dataIndex: 'bugsInRange', align: 'right', responsive: ['md'] },
            { title: 'Avg quality (period)', dataIndex: 'avgQualityInRange', align: 'right', responsive: ['sm'], render: (v: number | null) => v ?? '—' },
            { title: 'Analyses (all time)', dataIndex: 'totalAnalyses', align: 'right', responsive: ['lg'] },
            { title: 'Last analysis', dataIndex: 'lastAnalysisAt', responsive: ['md'], render: (v: string | null) => (v ? formatDate(v) : '—') },
          ]}
        />
      </Card>
      {d?.rolledUpAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          All-time totals are refreshed nightly (last {formatRelative(d.rolledUpAt)}); today's activity is counted live.
        </Typography.Text>
      )}
    </Space>
  );
}
