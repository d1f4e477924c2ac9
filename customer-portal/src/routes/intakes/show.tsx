import { EditButton, ListButton, Show } from '@refinedev/antd';
import { useShow, type HttpError } from '@refinedev/core';
import { Descriptions, Typography } from 'antd';
import { useParams } from 'react-router';
import type { Intake } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { NotFound } from '../../components/not-found';
import { QueryError } from '../../components/query-error';
import { IntakeStatusTag } from './intake-status';
import { backIcon } from '../../components/back-icon';

export default function IntakeShow() {
  const { id = '' } = useParams<{ id: string }>();
  const { query, result: intake } = useShow<Intake, HttpError>({ resource: 'intakes', id, errorNotification: false });

  if (query.error?.statusCode === 404) return <NotFound title="Intake not found" />;

  return (
    <Show
      goBack={backIcon}
      title={intake ? intake.customerName : 'Intake'}
      isLoading={query.isPending && !query.isError}
      headerButtons={() => (
        <>
          <ListButton resource="intakes">All intakes</ListButton>
          <EditButton resource="intakes" recordItemId={id} />
        </>
      )}
    >
      {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load the intake" />}
      {intake && (
        <Descriptions bordered column={1} size="middle" styles={{ label: { width: 180 } }}>
          <Descriptions.Item label="Customer name">{intake.customerName}</Descriptions.Item>
          <Descriptions.Item label="Company">{intake.company || '—'}</Descriptions.Item>
          <Descriptions.Item label="E-mail">
            <Typography.Link href={`mailto:${intake.email}`}>{intake.email}</Typography.Link>
          </Descriptions.Item>
          <Descriptions.Item label="Status">
            <IntakeStatusTag status={intake.status} />
          </Descriptions.Item>
          <Descriptions.Item label="Notes">
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{intake.notes || '—'}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="Created">{formatDateTime(intake.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="Updated">{formatDateTime(intake.updatedAt)}</Descriptions.Item>
        </Descriptions>
      )}
    </Show>
  );
}
