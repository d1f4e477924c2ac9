import { Avatar, Button, Grid, Layout, Space, Typography, theme } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { useThemedLayoutContext } from '@refinedev/antd';
import { Link } from 'react-router';
import type { Identity } from '../providers/auth';
import { HeaderSearch } from './search/header-search';
import { SEARCH_TYPES } from './search/search-labels';
import { KeyboardShortcuts } from './keyboard-shortcuts';

/** The top bar: the menu button below lg (the menu is then a drawer), search, who is signed in (links to the account page) and the only logout button. */
export function LayoutHeader() {
  const { token } = theme.useToken();
  const { data: user } = useGetIdentity<Identity>();
  const { mutate: logout, isPending } = useLogout();
  // On a phone the name and the button's text would squeeze the search box (and the name into a column of
  // single letters), and on a tablet the name alone still wraps out of the bar: the avatar still links to
  // the account page and the button keeps its accessible name.
  const breakpoint = Grid.useBreakpoint();
  const narrow = breakpoint.md === false;
  const menuInDrawer = breakpoint.lg === false;
  const showName = !menuInDrawer;
  const { mobileSiderOpen, setMobileSiderOpen } = useThemedLayoutContext();

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: 'flex',
        justifyContent: 'space-between',
        gap: narrow ? 8 : 16,
        alignItems: 'center',
        padding: narrow ? '0 12px' : '0 24px',
        height: 64,
        position: 'sticky',
        top: 0,
        zIndex: 10,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      {menuInDrawer && (
        <Button type="text" icon={<MenuOutlined />} onClick={() => setMobileSiderOpen(true)} aria-label="Open the menu" aria-expanded={mobileSiderOpen} style={{ flex: 'none' }} />
      )}
      <div style={{ marginRight: 'auto', minWidth: 0 }}>
        <HeaderSearch scopes={SEARCH_TYPES} />
        <KeyboardShortcuts />
      </div>
      <Space size={narrow ? 'small' : 'middle'}>
        {user && (
          <Link to="/account" aria-label={showName ? undefined : `Account of ${user.name}`}>
            <Space>
              <Avatar size="small" icon={<UserOutlined />} />
              {showName && (
                <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 200 }} data-testid="current-user-name">
                  {user.name}
                </Typography.Text>
              )}
            </Space>
          </Link>
        )}
        <Button icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()} aria-label="Sign out">
          {!narrow && 'Sign out'}
        </Button>
      </Space>
    </Layout.Header>
  );
}
