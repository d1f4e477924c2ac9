import { Avatar, Button, Layout, Space, Typography, theme } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Link } from 'react-router';
import type { Identity } from '../providers/auth';
import { HeaderSearch } from './search/header-search';

/** The top bar: who is signed in (links to the account page) and the only logout button. */
export function LayoutHeader() {
  const { token } = theme.useToken();
  const { data: user } = useGetIdentity<Identity>();
  const { mutate: logout, isPending } = useLogout();

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: 'flex',
        justifyContent: 'space-between',
        gap: 16,
        alignItems: 'center',
        padding: '0 24px',
        height: 64,
        position: 'sticky',
        top: 0,
        zIndex: 10,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <HeaderSearch />
      <Space size="middle">
        {user && (
          <Link to="/account">
            <Space>
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text strong data-testid="current-user-name">
                {user.name}
              </Typography.Text>
            </Space>
          </Link>
        )}
        <Button icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()}>
          Sign out
        </Button>
      </Space>
    </Layout.Header>
  );
}
