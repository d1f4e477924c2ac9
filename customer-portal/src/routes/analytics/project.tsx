import { useCustom, type HttpError } from '@refinedev/core';
import { Breadcrumb, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { formatDate, formatDateTime, formatPercent, humanize } from '../../lib/format';
import { ProjectStatusTag } from '../projects/project-status';
import { LazyChart } from './lazy-chart';
import { RangeFilter, useRangeParams } from './range-filter';
import type { ProjectAnalytics } from './types';

/** One project's analytics: metrics, quality trend, breakdown by analysis type and the latest findings. */
export default function ProjectAnalyticsPage() {
  const { id } = useParams();
  const [state, setState, query] = useRangeParams();
  const { query: q, result } = useCustom<ProjectAnalytics, HttpError>({ url: `/analytics/projects/${id}`, method: 'get', config: { query }, errorNotification: false });
  const data = q.isSuccess ? (result.data as ProjectAnalytics) : undefined;

  if (q.isError) {
    return (
      <Card>
        <QueryError error={q.error} onRetry={() => q.refetch()} title={(q.error as HttpError)?.statusCode === 404 ? 'This project does not exist or is not yours' : 'Could not load the project analytics'} />
        <Link to="/analytics">Back to analytics</Link>
      </Card>
    );
  }
  if (!data) return <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>;
  const trend = data.trend.filter((t) => t.avgQualityScore !== null);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/analytics">Analytics</Link> }, { title: data.project.name }]} />
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {data.project.name}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="Owner">{data.project.ownerName}</Descriptions.Item>
          <Descriptions.Item label="Status"><ProjectStatusTag status={data.project.status} /></Descriptions.Item>
          <Descriptions.Item label="Completion">{data.project.completionPercentage}%</Descriptions.Item>
          <Descriptions.Item label="Created">{formatDate(data.project.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="Last analysis">{data.metrics.lastAnalysisAt ? formatDate(data.metrics.lastAnalysisAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="Project page"><Link to={`/projects/${data.project.id}`}>Open project</Link></Descriptions.Item>
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <RangeFilter range={data.range} state={state} onChange={setState} exportQuery={query} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small" style={{ height: '100%' }}><Statistic title="Analyses (all time)" value={data.metrics.totalAnalyses} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" style={{ height: '100%' }}><Statistic title="Bugs found (all time)" value={data.metrics.totalBugsFound} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" style={{ height: '100%' }}><Statistic title="Avg quality score" value={data.metrics.avgQualityScore} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" style={{ height: '100%' }}><Statistic title="Avg confidence" value={formatPercent(data.metrics.avgConfidence)} /></Card></Col>
      </Row>
      <Row gutter={[16, 16]}>
        {/* halves: the table by type needs that much room beside the chart */}
        <Col xs={24} xl={12}>
          <Card title="Quality trend">
            <LazyChart empty={trend.length === 0} spec={{ kind: 'line', x: 'day', y: 'score', data: trend.map((t) => ({ day: t.day, score: t.avgQualityScore })), yTitle: 'quality score', days: data.range }} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="By analysis type">
            <Table
              scroll={{ x: 'max-content' }}
              rowKey="type"
              size="small"
              pagination={false}
              dataSource={data.byType}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No analyses in this period" /> }}
              columns={[
                { title: 'Type', dataIndex: 'type', render: (t: string) => humanize(t) },
                { title: 'Analyses', dataIndex: 'analyses', align: 'right' },
                { title: 'Bugs', dataIndex: 'bugsFound', align: 'right' },
                { title: 'Avg quality', dataIndex: 'avgQualityScore', align: 'right', render: (v: number | null) => v ?? '—' },
                { title: 'Confidence', dataIndex: 'avgConfidence', align: 'right', responsive: ['sm'], render: (v: number | null) => formatPercent(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="Identified issues" extra={<Typography.Text type="secondary">latest finished analyses</Typography.Text>}>
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.recentAnalyses}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No finished analyses yet" /> }}
          columns={[
            { title: 'Finished', dataIndex: 'completedAt', responsive: ['sm'], render: (v: string) => formatDateTime(v) },
            { title: 'File', dataIndex: 'filename', render: (v: string, r) => <Link to={`/analyses/${r.id}`}>{v}</Link> },
            { title: 'Type', dataIndex: 'type', render: (t: string) => humanize(t) },
            { title: 'Quality', dataIndex: 'qualityScore', align: 'right' },
            { title: 'Bugs', dataIndex: 'bugsFound', align: 'right', responsive: ['sm'] },
            { title: 'Summary', dataIndex: 'summary', ellipsis: true, responsive: ['lg'] },
          ]}
        />
      </Card>
    </Space>
  );
}
