import type { ReactNode } from 'react';
import { ThemedLayout, ThemedSider, ThemedTitle } from '@refinedev/antd';
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
  return (
    <ThemedLayout Header={LayoutHeader} Sider={PortalSider} Title={PortalTitle}>
      {children}
    </ThemedLayout>
  );
}
