import { useState } from 'react';
import { List, useTable, getDefaultSortOrder } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import { Button, Card, Empty, Grid, Input, Progress, Select, Space, Table, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Project, ProjectStatus } from '../../lib/api-types';
import { formatDateTime, formatRelative } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { VisuallyHiddenLabel } from '../../components/visually-hidden-label';
import { PROJECT_STATUS_OPTIONS, ProjectStatusTag } from './project-status';

export default function ProjectList() {
  // a phone shows the main columns and a tablet the progress too, without sideways scrolling
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage, result } = useTable<Project, HttpError>({
    resource: 'projects',
    pagination: { pageSize: 10 },
    errorNotification: false,
    sorters: { initial: [{ field: 'updatedAt', order: 'desc' }] },
  });

  const statusFilter = filters.find((f) => 'field' in f && f.field === 'status')?.value as ProjectStatus | undefined;
  const isFiltered = Boolean(statusFilter) || filters.some((f) => 'field' in f && f.field === 'q' && f.value);
  const isFirstProjectState = !tableQuery.isPending && !tableQuery.isError && (result.total ?? 0) === 0 && !isFiltered;

  const applyFilter = (field: 'status' | 'q', value: string | undefined) => {
    setFilters([{ field, operator: 'eq', value: value || undefined }], 'merge');
    setCurrentPage(1);
  };

  const newProjectButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/create')}>
      New project
    </Button>
  );

  if (isFirstProjectState) {
    return (
      <List title="Projects" headerButtons={() => null}>
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={<Typography.Text>No projects yet — create your first project to start analysing code</Typography.Text>}
          >
            {newProjectButton}
          </Empty>
        </Card>
      </List>
    );
  }

  return (
    <List title="Projects" headerButtons={() => newProjectButton}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="Search projects"
          aria-label="Search projects"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) applyFilter('q', undefined);
          }}
          onSearch={(value) => applyFilter('q', value.trim())}
          style={{ width: 280 }}
        />
        <VisuallyHiddenLabel htmlFor="project-status-filter">Filter by status</VisuallyHiddenLabel>
        <Select<ProjectStatus>
          allowClear
          placeholder="All statuses"
          id="project-status-filter"
          value={statusFilter}
          options={PROJECT_STATUS_OPTIONS}
          onChange={(value) => applyFilter('status', value)}
          style={{ width: 180 }}
        />
      </Space>
      {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load your projects" />}
      <Table<Project>
        {...tableProps}
        rowKey="id"
        locale={{ emptyText: isFiltered ? 'No projects match these filters' : 'No projects' }}
        onRow={(record) => ({
          onClick: (event) => {
            // Let real links and buttons inside the row do their own thing.
            if ((event.target as HTMLElement).closest('a,button')) return;
            navigate(`/projects/${record.id}`);
          },
          style: { cursor: 'pointer' },
        })}
        scroll={screens.xl ? { x: 800 } : undefined}
      >
        <Table.Column<Project>
          dataIndex="name"
          title="Name"
          sorter
          defaultSortOrder={getDefaultSortOrder('name', sorters)}
          render={(name: string, record) => <Link to={`/projects/${record.id}`}>{name}</Link>}
        />
        <Table.Column<Project> dataIndex="status" title="Status" width={120} render={(status: ProjectStatus) => <ProjectStatusTag status={status} />} />
        <Table.Column<Project>
          dataIndex="completionPercentage"
          title="Completion"
          responsive={['md']}
          width={180}
          render={(value: number) => <Progress aria-label="Completion" percent={value} size="small" status={value >= 100 ? 'success' : 'normal'} />}
        />
        <Table.Column<Project> dataIndex="snippetCount" title="Snippets" width={100} align="right" responsive={['xl']} />
        <Table.Column<Project> dataIndex="analysisCount" title="Analyses" width={100} align="right" responsive={['xl']} />
        <Table.Column<Project>
          dataIndex="updatedAt"
          title="Updated"
          responsive={['sm']}
          width={160}
          sorter
          defaultSortOrder={getDefaultSortOrder('updatedAt', sorters)}
          render={(value: string) => (
            <Tooltip title={formatDateTime(value)}>
              <span>{formatRelative(value)}</span>
            </Tooltip>
          )}
        />
      </Table>
    </List>
  );
}
