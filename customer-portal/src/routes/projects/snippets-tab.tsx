import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTable } from '@refinedev/antd';
import { useDelete, useInvalidate, type HttpError } from '@refinedev/core';
import { Button, Empty, Grid, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import type { Snippet } from '../../lib/api-types';
import { formatBytes, formatDateTime, formatRelative } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { MONOSPACE } from './code-editor';
import { SnippetDrawer, type SnippetDrawerTarget } from './snippet-drawer';
import { languageColor, languageLabel } from './snippet-languages';

type Props = { projectId: string; onRunAnalysis: (snippetId: string) => void };

/** The project's snippets: add, edit, delete, and start an analysis of one. */
export function SnippetsTab({ projectId, onRunAnalysis }: Props) {
  // Narrower screens drop the size, then the date, then the language, and a phone's run button is an icon:
  // the filename keeps its room without sideways scrolling.
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;
  const [searchParams] = useSearchParams();
  // ?snippet=<id> (a search result) opens that snippet
  const [drawer, setDrawer] = useState<SnippetDrawerTarget | null>(() => {
    const snippetId = searchParams.get('snippet');
    return snippetId ? { mode: 'edit', snippetId } : null;
  });
  const invalidate = useInvalidate();
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const { mutateAsync: deleteSnippet } = useDelete();

  const { tableProps, tableQuery, result } = useTable<Snippet, HttpError>({
    resource: `projects/${projectId}/snippets`,
    pagination: { pageSize: 10 },
    errorNotification: false,
    sorters: { mode: 'off' },
    syncWithLocation: false,
  });

  // Returned to the Popconfirm, which keeps its Delete button loading until the server has answered.
  const remove = (snippet: Snippet) =>
    deleteSnippet(
      {
        resource: 'snippets',
        id: snippet.id,
        successNotification: () => ({ type: 'success', message: `${snippet.filename} deleted` }),
        errorNotification: (error) => ({ type: 'error', message: 'Could not delete the snippet', description: error?.message }),
      },
      {
        onSuccess: () => {
          void invalidate({ resource: `projects/${projectId}/snippets`, invalidates: ['list'] });
          void invalidate({ resource: 'projects', id: projectId, invalidates: ['detail', 'list'] });
        },
      },
    ).catch(() => undefined); // the error notification has said why

  const addButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
      Add snippet
    </Button>
  );
  const isEmpty = !tableQuery.isPending && !tableQuery.isError && (result.total ?? 0) === 0;

  return (
    <>
      {!isEmpty && <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 16 }}>{addButton}</div>}
      {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the snippets" />}
      {isEmpty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No snippets yet — add the code you want Socrates to analyse">
          {addButton}
        </Empty>
      ) : (
        <Table<Snippet>
          {...tableProps}
          pagination={tableProps.pagination && { ...tableProps.pagination, hideOnSinglePage: true }}
          rowKey="id"
          scroll={screens.xl ? { x: 760 } : undefined}
          locale={{ emptyText: 'No snippets' }}
        >
          <Table.Column<Snippet>
            dataIndex="filename"
            title="Filename"
            render={(filename: string, record) => (
              <Typography.Link onClick={() => setDrawer({ mode: 'edit', snippetId: record.id })} style={{ fontFamily: MONOSPACE }}>
                {filename}
              </Typography.Link>
            )}
          />
          <Table.Column<Snippet>
            dataIndex="language"
            title="Language"
            width={130}
            responsive={['sm']}
            render={(language: string) => <Tag color={languageColor(language)}>{languageLabel(language)}</Tag>}
          />
          <Table.Column<Snippet> dataIndex="sizeBytes" title="Size" width={100} align="right" responsive={['xl']} render={(bytes: number) => formatBytes(bytes)} />
          <Table.Column<Snippet>
            dataIndex="updatedAt"
            title="Updated"
            width={150}
            responsive={['lg']}
            render={(value: string) => (
              <Tooltip title={formatDateTime(value)}>
                <span>{formatRelative(value)}</span>
              </Tooltip>
            )}
          />
          <Table.Column<Snippet>
            key="actions"
            title="Actions"
            width={phone ? undefined : 240}
            render={(_, record) => (
              <Space size="small">
                {/* on a phone an icon, its name in the tooltip and for screen readers */}
                <Tooltip title={phone ? 'Run analysis' : undefined}>
                  <Button size="small" icon={<ExperimentOutlined />} aria-label={phone ? 'Run analysis' : undefined} onClick={() => onRunAnalysis(record.id)}>
                    {!phone && 'Run analysis'}
                  </Button>
                </Tooltip>
                <Tooltip title="Edit snippet">
                  <Button size="small" icon={<EditOutlined />} aria-label="Edit snippet" onClick={() => setDrawer({ mode: 'edit', snippetId: record.id })} />
                </Tooltip>
                <Popconfirm
                  title={`Delete ${record.filename}?`}
                  description={<div style={{ maxWidth: 300 }}>Its code is deleted for good; past analyses of it keep their scores and findings.</div>}
                  okText="Delete snippet"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(record)}
                  onOpenChange={(open) => setConfirmingId(open ? record.id : null)}
                >
                  {/* hidden while the confirmation is open: it would sit on top of the confirmation's buttons */}
                  <Tooltip title="Delete snippet" open={confirmingId === record.id ? false : undefined}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label="Delete snippet" />
                  </Tooltip>
                </Popconfirm>
              </Space>
            )}
          />
        </Table>
      )}
      {drawer && <SnippetDrawer key={drawer.mode === 'edit' ? drawer.snippetId : 'create'} projectId={projectId} target={drawer} onClosed={() => setDrawer(null)} />}
    </>
  );
}
