import { useOne, useShow, type HttpError } from '@refinedev/core';
import { Alert, Breadcrumb, Card, Col, Descriptions, Progress, Row, Skeleton, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { Analysis, Finding, FindingSeverity, Project, Snippet } from '../../lib/api-types';
import { formatDateTime, formatPercent } from '../../lib/format';
import { NotFound } from '../../components/not-found';
import { QueryError } from '../../components/query-error';
import { ANALYSIS_POLL_MS, AnalysisStatusBadge, AnalysisTypeTag, isAnalysisPending, scoreColor, SEVERITIES } from './analysis-labels';
import { AnnotatedCode } from './annotated-code';
import { FindingsTable } from './findings-table';

function duration(from: string | null, to: string | null): string {
  if (!from || !to) return '—';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function SeveritySummary({ findings }: { findings: Finding[] }) {
  const counts = new Map<FindingSeverity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const ordered = (Object.keys(SEVERITIES) as FindingSeverity[]).filter((s) => counts.get(s));
  if (!ordered.length) return null;
  return (
    <Space size={4} wrap>
      {ordered.map((severity) => (
        <Tag key={severity} color={SEVERITIES[severity].color}>
          {counts.get(severity)} {SEVERITIES[severity].label.toLowerCase()}
        </Tag>
      ))}
    </Space>
  );
}

export default function AnalysisShow() {
  const { id = '' } = useParams<{ id: string }>();
  const { query, result: analysis } = useShow<Analysis, HttpError>({
    resource: 'analyses',
    id,
    errorNotification: false,
    // Queued and running analyses finish within seconds: poll until the result is there.
    queryOptions: { refetchInterval: (q) => (isAnalysisPending(q.state.data?.data) ? ANALYSIS_POLL_MS : false) },
  });

  const { result: snippet, query: snippetQuery } = useOne<Snippet, HttpError>({
    resource: 'snippets',
    id: analysis?.snippetId,
    queryOptions: { enabled: Boolean(analysis?.snippetId) },
    errorNotification: false,
  });
  const { result: project } = useOne<Project, HttpError>({
    resource: 'projects',
    id: analysis?.projectId,
    queryOptions: { enabled: Boolean(analysis?.projectId) },
    errorNotification: false,
  });

  if (query.error?.statusCode === 404) return <NotFound title="Analysis not found" subTitle="It may have been deleted with its project." />;

  const findings = analysis?.findings ?? [];
  const pending = isAnalysisPending(analysis);
  const filename = analysis?.snippetFilename ?? snippet?.filename ?? 'snippet';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/projects">Projects</Link> },
          ...(analysis
            ? [{ title: <Link to={`/projects/${analysis.projectId}?tab=analyses`}>{project?.name ?? 'Project'}</Link> }]
            : []),
          { title: 'Analysis' },
        ]}
      />

      {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load the analysis" />}

      {query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : analysis ? (
        <>
          <Card>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Space align="center" wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {filename}
                </Typography.Title>
                <AnalysisTypeTag type={analysis.type} />
                <AnalysisStatusBadge status={analysis.status} />
              </Space>

              {pending && (
                <Spin tip="Analysing…" size="large">
                  <div style={{ height: 120 }} />
                </Spin>
              )}

              {analysis.status === 'failed' && (
                <Alert type="error" showIcon message="The analysis failed" description={analysis.error ?? 'No reason was given. Try running it again.'} />
              )}

              {analysis.status === 'completed' && (
                <Row gutter={[32, 24]} align="middle">
                  <Col>
                    <Space direction="vertical" align="center">
                      <Progress
                        type="circle"
                        percent={analysis.qualityScore ?? 0}
                        format={() => (analysis.qualityScore === null ? '—' : `${analysis.qualityScore}`)}
                        strokeColor={analysis.qualityScore === null ? undefined : scoreColor(analysis.qualityScore)}
                        aria-label="Quality score"
                      />
                      <Typography.Text type="secondary">Quality score</Typography.Text>
                    </Space>
                  </Col>
                  <Col>
                    <Statistic title="Bugs found" value={analysis.bugsFound ?? '—'} />
                  </Col>
                  <Col>
                    <Statistic title="Confidence" value={formatPercent(analysis.confidence)} />
                  </Col>
                  <Col>
                    <Statistic title="Findings" value={findings.length} />
                    <SeveritySummary findings={findings} />
                  </Col>
                  <Col xs={24}>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{analysis.summary ?? 'No summary.'}</Typography.Paragraph>
                  </Col>
                </Row>
              )}

              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
                <Descriptions.Item label="Queued">{formatDateTime(analysis.createdAt)}</Descriptions.Item>
                <Descriptions.Item label="Started">{formatDateTime(analysis.startedAt)}</Descriptions.Item>
                <Descriptions.Item label="Completed">{formatDateTime(analysis.completedAt)}</Descriptions.Item>
                <Descriptions.Item label="Run time">{duration(analysis.startedAt, analysis.completedAt)}</Descriptions.Item>
              </Descriptions>
            </Space>
          </Card>

          {analysis.status === 'completed' && (
            <Card title="Findings">
              <FindingsTable findings={findings} />
            </Card>
          )}

          {analysis.status === 'completed' && (
            <Card
              title="Code"
              extra={
                snippet && snippet.updatedAt > (analysis.completedAt ?? analysis.createdAt) ? (
                  <Tag color="warning">Edited since this analysis</Tag>
                ) : null
              }
            >
              {snippetQuery.isPending && snippetQuery.fetchStatus !== 'idle' ? (
                <Skeleton active paragraph={{ rows: 8 }} />
              ) : snippet ? (
                <AnnotatedCode content={snippet.content} findings={findings} />
              ) : snippetQuery.error?.statusCode === 404 ? (
                <Alert type="info" showIcon message="The snippet has been deleted, so its code can no longer be shown." />
              ) : snippetQuery.isError ? (
                <QueryError error={snippetQuery.error} onRetry={() => snippetQuery.refetch()} title="Could not load the snippet's code" />
              ) : null}
            </Card>
          )}
        </>
      ) : null}
    </Space>
  );
}
