import { Button, Layout, Space, Typography, theme } from "antd";
import { LogoutOutlined } from "@ant-design/icons";
import { useLogout } from "@refinedev/core";
import { HeaderSearch } from "../search/header-search";
import { sectionsFor } from "../../lib/sections";
import { RoleTag } from "../tags";
import { useCurrentUser } from "../../lib/use-current-user";

/** Top bar: search (box with suggestions, Cmd+K palette with the sections), who is signed in (name + role) and sign-out. */
export function Header() {
  const { token } = theme.useToken();
  const { user } = useCurrentUser();
  const { mutate: logout, isPending } = useLogout();

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
      <div style={{ marginRight: "auto" }}>
        <HeaderSearch links={sectionsFor(user?.permissions ?? []).map((s) => ({ label: s.label, link: s.path }))} />
      </div>
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
