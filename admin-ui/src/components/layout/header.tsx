import { Button, Layout, Space, Tooltip, Typography, theme } from "antd";
import { LogoutOutlined, SearchOutlined } from "@ant-design/icons";
import { useLogout } from "@refinedev/core";
import { useKBar } from "@refinedev/kbar";
import { RoleTag } from "../tags";
import { useCurrentUser } from "../../lib/use-current-user";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Top bar: the command palette, who is signed in (name + role) and sign-out. */
export function Header() {
  const { token } = theme.useToken();
  const { user } = useCurrentUser();
  const { mutate: logout, isPending } = useLogout();
  const { query } = useKBar();

  return (
    <Layout.Header
      style={{
        position: "sticky",
        top: 0,
        zIndex: 10,
        height: 64,
        padding: "0 24px",
        display: "flex",
        alignItems: "center",
        justifyContent: "flex-end",
        gap: 16,
        backgroundColor: token.colorBgElevated,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <Tooltip title="Jump to a section">
        <Button icon={<SearchOutlined />} onClick={() => query.toggle()} aria-label="Open the command palette">
          <Typography.Text type="secondary" keyboard>
            {isMac ? "⌘" : "Ctrl"} K
          </Typography.Text>
        </Button>
      </Tooltip>
      {user && (
        <Space size="small" data-testid="header-user">
          <Typography.Text strong>{user.name}</Typography.Text>
          <RoleTag role={user.role} />
        </Space>
      )}
      <Button icon={<LogoutOutlined />} onClick={() => logout()} loading={isPending}>
        Sign out
      </Button>
    </Layout.Header>
  );
}
