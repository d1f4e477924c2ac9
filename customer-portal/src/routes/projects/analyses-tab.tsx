import { useTable } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import { Button, Empty, Grid, Table, Tooltip, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Analysis, AnalysisStatus, AnalysisType } from '../../lib/api-types';
import { formatDateTime, formatPercent, formatRelative } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import {
  ANALYSIS_POLL_MS,
  AnalysisStatusBadge,
  AnalysisTypeTag,
  isAnalysisPending,
  scoreColor,
} from '../analyses/analysis-labels';

type Props = { projectId: string; onRunAnalysis: () => void };

/** The project's analyses, newest first; polls every second while any of them is queued or running. */
export function AnalysesTab({ projectId, onRunAnalysis }: Props) {
  // narrower screens drop the secondary columns rather than scroll sideways: a phone keeps snippet, status
  // and score, in denser cells
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const { tableProps, tableQuery, result } = useTable<Analysis, HttpError>({
    resource: `projects/${projectId}/analyses`,
    pagination: { pageSize: 20 },
    errorNotification: false,
    sorters: { mode: 'off' },
    syncWithLocation: false,
    queryOptions: {
      refetchInterval: (query) => (query.state.data?.data.some(isAnalysisPending) ? ANALYSIS_POLL_MS : false),
    },
  });

  // Newest first whatever order the page arrives in (a fresh, queued analysis shows at the top).
  const rows = [...(tableProps.dataSource ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const isEmpty = !tableQuery.isPending && !tableQuery.isError && (result.total ?? 0) === 0;

  const runButton = (
    <Button type="primary" icon={<ExperimentOutlined />} onClick={onRunAnalysis}>
      Run analysis
    </Button>
  );

  return (
    <>
      {!isEmpty && <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 16 }}>{runButton}</div>}
      {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the analyses" />}
      {isEmpty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No analyses yet — run one on a snippet to get a quality score and findings">
          {runButton}
        </Empty>
      ) : (
        <Table<Analysis>
          {...tableProps}
          pagination={tableProps.pagination && { ...tableProps.pagination, hideOnSinglePage: true }}
          dataSource={rows}
          rowKey="id"
          scroll={screens.xl ? { x: 900 } : undefined}
          size={screens.sm === false ? 'small' : undefined}
          locale={{ emptyText: 'No analyses' }}
          onRow={(record) => ({
            onClick: (event) => {
              if ((event.target as HTMLElement).closest('a,button')) return;
              navigate(`/analyses/${record.id}`);
            },
            style: { cursor: 'pointer' },
          })}
        >
          <Table.Column<Analysis>
            dataIndex="snippetFilename"
            title="Snippet"
            render={(filename: string | null, record) => <Link to={`/analyses/${record.id}`}>{filename ?? 'Deleted snippet'}</Link>}
          />
          <Table.Column<Analysis> dataIndex="type" title="Type" width={130} responsive={['md']} render={(type: AnalysisType) => <AnalysisTypeTag type={type} />} />
          <Table.Column<Analysis>
            dataIndex="status"
            title="Status"
            width={130}
            render={(status: AnalysisStatus) => <AnalysisStatusBadge status={status} />}
          />
          <Table.Column<Analysis>
            dataIndex="qualityScore"
            title="Score"
            width={72}
            align="right"
            render={(score: number | null) =>
              score === null ? '—' : <Typography.Text style={{ color: scoreColor(score), fontWeight: 600 }}>{score}</Typography.Text>
            }
          />
          <Table.Column<Analysis> dataIndex="bugsFound" title="Bugs" width={80} align="right" responsive={['lg']} render={(bugs: number | null) => bugs ?? '—'} />
          <Table.Column<Analysis>
            dataIndex="confidence"
            title="Confidence"
            width={110}
            responsive={['xl']}
            align="right"
            render={(confidence: number | null) => formatPercent(confidence)}
          />
          <Table.Column<Analysis>
            dataIndex="createdAt"
            title="Created"
            width={150}
            responsive={['sm']}
            render={(value: string) => (
              <Tooltip title={formatDateTime(value)}>
                <span>{formatRelative(value)}</span>
              </Tooltip>
            )}
          />
        </Table>
      )}
    </>
  );
}
