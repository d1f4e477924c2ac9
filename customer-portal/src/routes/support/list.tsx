import { Button, Card, Empty, Grid, Skeleton, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { List, useTable } from '@refinedev/antd';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import type { ApiError } from '../../providers/http';
import { TicketStatusTag, type PortalTicket } from './support-types';

/** The customer's tickets, newest activity first. */
export default function SupportTicketList() {
  const screens = Grid.useBreakpoint(); // a phone shows the main columns, without sideways scrolling
  const navigate = useNavigate();
  // pages come from the server (simple-rest); the resource is the API path
  const { tableProps, tableQuery: tickets } = useTable<PortalTicket, ApiError>({
    resource: 'support/tickets',
    pagination: { pageSize: 20 },
    sorters: { mode: 'off' },
    syncWithLocation: false,
    errorNotification: false,
  });

  return (
    <List
      title="Support"
      headerButtons={() => (
        <Link to="/support/new">
          <Button type="primary" icon={<PlusOutlined />}>
            New ticket
          </Button>
        </Link>
      )}
    >
      {tickets.isError && <QueryError error={tickets.error} onRetry={() => tickets.refetch()} title="Could not load your tickets" />}
      {tickets.isPending && !tickets.data ? (
        <Skeleton active />
      ) : (
        <Card>
          <Table<PortalTicket>
            scroll={screens.md ? { x: 640 } : undefined}
            {...tableProps}
            rowKey="id"
            pagination={tableProps.pagination ? { ...tableProps.pagination, hideOnSinglePage: true } : false}
            onRow={(t) => ({ onClick: () => navigate(`/support/${t.id}`), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: (
                <Empty description="You have not opened any support tickets">
                  <Link to="/support/new">
                    <Button type="primary">Ask for help</Button>
                  </Link>
                </Empty>
              ),
            }}
            columns={[
              {
                title: 'Ticket',
                dataIndex: 'subject',
                render: (subject: string, t) => (
                  <>
                    <Link to={`/support/${t.id}`}>{subject}</Link>
                    <br />
                    <Typography.Text type="secondary">{t.number}</Typography.Text>
                  </>
                ),
              },
              { title: 'Status', dataIndex: 'status', render: (s: PortalTicket['status']) => <TicketStatusTag status={s} /> },
              { title: 'Last activity', dataIndex: 'updatedAt', responsive: ['sm'], render: (v: string) => formatDateTime(v) },
              { title: 'Opened', dataIndex: 'createdAt', responsive: ['md'], render: (v: string) => formatDateTime(v) },
            ]}
          />
        </Card>
      )}
    </List>
  );
}
