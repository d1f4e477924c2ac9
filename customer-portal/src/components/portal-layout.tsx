import type { ReactNode } from 'react';
import { ThemedLayout, ThemedSider, ThemedTitle } from '@refinedev/antd';
import { CodeOutlined } from '@ant-design/icons';
import { LayoutHeader } from './layout-header';
import { MainContent, SkipLink } from './skip-link';
import './portal-sider.css';

/**
 * The menu only: the header carries the one logout button. Below lg the menu is a drawer that the header's
 * menu button opens (Refine's own floating button would cover the page as it scrolls).
 */
function PortalSider(props: React.ComponentProps<typeof ThemedSider>) {
  return (
    <div className="portal-sider">
      <ThemedSider {...props} fixed render={({ items }) => items} />
    </div>
  );
}

function PortalTitle({ collapsed }: { collapsed: boolean }) {
  return <ThemedTitle collapsed={collapsed} text="Socrates" icon={<CodeOutlined />} />;
}

/** The signed-in shell: sidebar (Projects, Intakes, Billing, Account), header with the user's name and logout. */
export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <ThemedLayout Header={LayoutHeader} Sider={PortalSider} Title={PortalTitle}>
        <MainContent>{children}</MainContent>
      </ThemedLayout>
    </>
  );
}
