import type { ReactNode } from 'react';
import { ThemedLayout, ThemedSider, ThemedTitle } from '@refinedev/antd';
import { Grid } from 'antd';
import { CodeOutlined } from '@ant-design/icons';
import { LayoutHeader } from './layout-header';

function PortalSider(props: React.ComponentProps<typeof ThemedSider>) {
  // The header carries the one logout button, so the sider shows only the menu.
  return <ThemedSider {...props} fixed render={({ items }) => items} />;
}

function PortalTitle({ collapsed }: { collapsed: boolean }) {
  return <ThemedTitle collapsed={collapsed} text="Socrates" icon={<CodeOutlined />} />;
}

/** The signed-in shell: sidebar (Projects, Intakes, Billing, Account), header with the user's name and logout. */
export default function PortalLayout({ children }: { children: ReactNode }) {
  // Below lg the menu is a drawer opened by a button fixed just under the header, over the page's top
  // left corner: the page starts below it so the button does not cover the page title.
  const menuInDrawer = Grid.useBreakpoint().lg === false;
  return (
    <ThemedLayout Header={LayoutHeader} Sider={PortalSider} Title={PortalTitle}>
      <div style={menuInDrawer ? { paddingTop: 32 } : undefined}>{children}</div>
    </ThemedLayout>
  );
}
