import { useState } from 'react';
import { useDelete, useShow, type HttpError } from '@refinedev/core';
import { Button, Card, Col, Descriptions, Popconfirm, Progress, Row, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { Analysis, Project } from '../../lib/api-types';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { NotFound } from '../../components/not-found';
import { QueryError } from '../../components/query-error';
import { ProjectStatusTag } from './project-status';
import { SnippetsTab } from './snippets-tab';
import { AnalysesTab } from './analyses-tab';
import { RunAnalysisModal } from './run-analysis-modal';

type TabKey = 'snippets' | 'analyses';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default function ProjectShow() {
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: TabKey = searchParams.get('tab') === 'analyses' ? 'analyses' : 'snippets';
  const [runModal, setRunModal] = useState<{ open: boolean; snippetId?: string }>({ open: false });

  const { query, result: project } = useShow<Project, HttpError>({ resource: 'projects', id, errorNotification: false });
  const { mutateAsync: deleteProject } = useDelete();

  const setTab = (next: TabKey) => setSearchParams(next === 'snippets' ? {} : { tab: next }, { replace: true });

  if (query.error?.statusCode === 404) return <NotFound title="Project not found" subTitle="It may have been deleted." />;

  // Returned to the Popconfirm, which keeps its button loading until the server has answered.
  const remove = () =>
    deleteProject(
      {
        resource: 'projects',
        id,
        successNotification: () => ({ type: 'success', message: 'Project deleted' }),
        errorNotification: (error) => ({ type: 'error', message: 'Could not delete the project', description: error?.message }),
      },
      { onSuccess: () => navigate('/projects', { replace: true }) },
    ).catch(() => undefined); // the error notification has said why

  const onStarted = (_analysis: Analysis) => {
    setRunModal({ open: false });
    setTab('analyses');
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/projects')} style={{ paddingLeft: 0 }}>
        All projects
      </Button>

      {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load the project" />}

      <Card>
        {query.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : project ? (
          <>
            {/* the gap below also parts the buttons from the details when they wrap under the title on a phone */}
            <Row justify="space-between" align="top" gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col flex="1 1 360px">
                <Space align="center" wrap>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {project.name}
                  </Typography.Title>
                  <ProjectStatusTag status={project.status} />
                </Space>
                <Typography.Paragraph type={project.description ? undefined : 'secondary'} style={{ margin: '12px 0 0', whiteSpace: 'pre-wrap' }}>
                  {project.description || 'No description.'}
                </Typography.Paragraph>
              </Col>
              <Col flex="none">
                <Space>
                  <Button icon={<EditOutlined />} onClick={() => navigate(`/projects/${id}/edit`)}>
                    Edit
                  </Button>
                  <Popconfirm
                    title={`Delete ${project.name}?`}
                    description={
                      <div style={{ maxWidth: 300 }}>
                        Its {plural(project.snippetCount, 'snippet')} and {plural(project.analysisCount, 'analysis', 'analyses')} are deleted with it. This cannot be
                        undone.
                      </div>
                    }
                    okText="Delete project"
                    okButtonProps={{ danger: true }}
                    onConfirm={remove}
                  >
                    <Button danger icon={<DeleteOutlined />}>
                      Delete
                    </Button>
                  </Popconfirm>
                </Space>
              </Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 5 }}>
              <Descriptions.Item label="Completion">
                <Progress
                  aria-label="Completion"
                  percent={project.completionPercentage}
                  size="small"
                  status={project.completionPercentage >= 100 ? 'success' : 'normal'}
                  style={{ width: 140, margin: 0 }}
                />
              </Descriptions.Item>
              <Descriptions.Item label="Snippets">{project.snippetCount}</Descriptions.Item>
              <Descriptions.Item label="Analyses">{project.analysisCount}</Descriptions.Item>
              <Descriptions.Item label="Created">{formatDate(project.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="Updated">
                <Tooltip title={formatDateTime(project.updatedAt)}>
                  <span>{formatRelative(project.updatedAt)}</span>
                </Tooltip>
              </Descriptions.Item>
            </Descriptions>
          </>
        ) : null}
      </Card>

      {project && (
        <Card>
          <Tabs
            // Only the visible tab is in the DOM, so a filename never appears twice on the page.
            destroyOnHidden
            activeKey={tab}
            onChange={(key) => setTab(key as TabKey)}
            items={[
              {
                key: 'snippets',
                label: `Snippets (${project.snippetCount})`,
                children: <SnippetsTab projectId={id} onRunAnalysis={(snippetId) => setRunModal({ open: true, snippetId })} />,
              },
              {
                key: 'analyses',
                label: `Analyses (${project.analysisCount})`,
                children: <AnalysesTab projectId={id} onRunAnalysis={() => setRunModal({ open: true })} />,
              },
            ]}
          />
        </Card>
      )}

      <RunAnalysisModal
        projectId={id}
        open={runModal.open}
        snippetId={runModal.snippetId}
        onClose={() => setRunModal({ open: false })}
        onStarted={onStarted}
      />
    </Space>
  );
}
