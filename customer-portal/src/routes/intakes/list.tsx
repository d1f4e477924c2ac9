import { useState } from 'react';
import { List, useTable } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import { Button, Card, Empty, Grid, Input, Select, Space, Table, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Intake, IntakeStatus } from '../../lib/api-types';
import { formatDate, formatDateTime } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { VisuallyHiddenLabel } from '../../components/visually-hidden-label';
import { INTAKE_STATUS_OPTIONS, IntakeStatusTag } from './intake-status';

export default function IntakeList() {
  // a phone shows the main columns and a tablet all but the company, without sideways scrolling
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const { tableProps, tableQuery, filters, setFilters, setCurrentPage, result } = useTable<Intake, HttpError>({
    resource: 'intakes',
    pagination: { pageSize: 10 },
    errorNotification: false,
    sorters: { mode: 'off' },
  });

  const statusFilter = filters.find((f) => 'field' in f && f.field === 'status')?.value as IntakeStatus | undefined;
  const isFiltered = Boolean(statusFilter) || filters.some((f) => 'field' in f && f.field === 'q' && f.value);
  const isFirstIntakeState = !tableQuery.isPending && !tableQuery.isError && (result.total ?? 0) === 0 && !isFiltered;

  const applyFilter = (field: 'status' | 'q', value: string | undefined) => {
    setFilters([{ field, operator: 'eq', value: value || undefined }], 'merge');
    setCurrentPage(1);
  };

  const newIntakeButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/intakes/create')}>
      New intake
    </Button>
  );

  if (isFirstIntakeState) {
    return (
      <List title="Intakes" headerButtons={() => null}>
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No intakes yet — record a prospective customer's details to review them later">
            {newIntakeButton}
          </Empty>
        </Card>
      </List>
    );
  }

  return (
    <List title="Intakes" headerButtons={() => newIntakeButton}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="Search intakes"
          aria-label="Search intakes"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) applyFilter('q', undefined);
          }}
          onSearch={(value) => applyFilter('q', value.trim())}
          style={{ width: 280 }}
        />
        <VisuallyHiddenLabel htmlFor="intake-status-filter">Filter by status</VisuallyHiddenLabel>
        <Select<IntakeStatus>
          allowClear
          placeholder="All statuses"
          id="intake-status-filter"
          value={statusFilter}
          options={INTAKE_STATUS_OPTIONS}
          onChange={(value) => applyFilter('status', value)}
          style={{ width: 180 }}
        />
      </Space>
      {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the intakes" />}
      <Table<Intake>
        {...tableProps}
        rowKey="id"
        scroll={screens.xl ? { x: 800 } : undefined}
        locale={{ emptyText: isFiltered ? 'No intakes match these filters' : 'No intakes' }}
        onRow={(record) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest('a,button')) return;
            navigate(`/intakes/${record.id}`);
          },
          style: { cursor: 'pointer' },
        })}
      >
        <Table.Column<Intake>
          dataIndex="customerName"
          title="Customer"
          render={(name: string, record) => <Link to={`/intakes/${record.id}`}>{name}</Link>}
        />
        <Table.Column<Intake> dataIndex="company" title="Company" responsive={['xl']} render={(company: string | null) => company || '—'} />
        <Table.Column<Intake> dataIndex="email" title="E-mail" responsive={['md']} />
        <Table.Column<Intake> dataIndex="status" title="Status" width={130} render={(status: IntakeStatus) => <IntakeStatusTag status={status} />} />
        <Table.Column<Intake>
          dataIndex="createdAt"
          title="Created"
          responsive={['sm']}
          width={140}
          render={(value: string) => (
            <Tooltip title={formatDateTime(value)}>
              <span>{formatDate(value)}</span>
            </Tooltip>
          )}
        />
      </Table>
    </List>
  );
}
