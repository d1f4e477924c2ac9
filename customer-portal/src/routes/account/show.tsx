import { useGetIdentity } from '@refinedev/core';
import { Col, Row, Skeleton, Typography } from 'antd';
import type { Identity } from '../../providers/auth';
import { QueryError } from '../../components/query-error';
import { ProfileCard } from './profile-card';
import { ChangePasswordCard } from './change-password-card';

export default function AccountPage() {
  const { data: user, isPending, isError, error, refetch } = useGetIdentity<Identity>();

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Account
      </Typography.Title>
      {isError && <QueryError error={error} onRetry={() => refetch()} title="Could not load your account" />}
      {isPending ? (
        <Skeleton active />
      ) : user ? (
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={12}>
            <ProfileCard user={user} />
          </Col>
          <Col xs={24} lg={12}>
            <ChangePasswordCard />
          </Col>
        </Row>
      ) : null}
    </>
  );
}
