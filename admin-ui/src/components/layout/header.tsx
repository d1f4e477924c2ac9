import { Button, Grid, Layout, Space, Typography, theme } from "antd";
import { LogoutOutlined, MenuOutlined } from "@ant-design/icons";
import { useLogout } from "@refinedev/core";
import { useThemedLayoutContext } from "@refinedev/antd";
import { HeaderSearch } from "../search/header-search";
import { searchTypesFor } from "../search/search-labels";
import { sectionsFor } from "../../lib/sections";
import { RoleTag } from "../tags";
import { useCurrentUser } from "../../lib/use-current-user";
import { KeyboardShortcuts } from "../keyboard-shortcuts";

/**
 * Top bar: the menu button below lg (the menu is then a drawer), search (box with suggestions, Cmd+K palette
 * with the sections), who is signed in (name + role) and sign-out.
 */
export function Header() {
  const { token } = theme.useToken();
  const { user, can } = useCurrentUser();
  const { mutate: logout, isPending } = useLogout();
  // On a phone the name and the button's text would squeeze the search box to nothing (and the name into
  // a column of single letters): the role tag and an icon button stay, the name is the button's tooltip.
  // A tablet has room for the button's text but not the name beside the menu button and the search box.
  const breakpoint = Grid.useBreakpoint();
  const narrow = breakpoint.md === false;
  const menuInDrawer = breakpoint.lg === false;
  const { mobileSiderOpen, setMobileSiderOpen } = useThemedLayoutContext();

  return (
    <Layout.Header
      style={{
        position: "sticky",
        top: 0,
        zIndex: 10,
        height: 64,
        padding: narrow ? "0 12px" : "0 24px",
        display: "flex",
        alignItems: "center",
        justifyContent: "flex-end",
        gap: narrow ? 8 : 16,
        backgroundColor: token.colorBgElevated,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      {menuInDrawer && (
        <Button
          type="text"
          icon={<MenuOutlined />}
          onClick={() => setMobileSiderOpen(true)}
          aria-label="Open the menu"
          aria-expanded={mobileSiderOpen}
          style={{ flex: "none" }}
        />
      )}
      <KeyboardShortcuts />
      <div style={{ marginRight: "auto", minWidth: 0 }}>
        <HeaderSearch links={sectionsFor(user?.permissions ?? []).map((s) => ({ label: s.label, link: s.path }))} scopes={searchTypesFor(can("search.admin"))} />
      </div>
      {user && (
        <Space size="small" data-testid="header-user">
          {!menuInDrawer && <Typography.Text strong>{user.name}</Typography.Text>}
          <RoleTag role={user.role} />
        </Space>
      )}
      <Button icon={<LogoutOutlined />} onClick={() => logout()} loading={isPending} aria-label="Sign out" title={menuInDrawer && user ? `Sign out ${user.name}` : undefined}>
        {!narrow && "Sign out"}
      </Button>
    </Layout.Header>
  );
}
