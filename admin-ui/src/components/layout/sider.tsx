import { cloneElement, type ReactElement } from "react";
import { ThemedSider } from "@refinedev/antd";
import type { RefineThemedLayoutSiderProps } from "@refinedev/antd";
import { useMenu, useResourceParams } from "@refinedev/core";
import "./sider.css";

/**
 * The menu without Refine's own "Logout" entry: signing out lives in the header, beside the user's name.
 * It stays in view while the page scrolls (`fixed`, as in the portal). Below lg the menu is a drawer that
 * the header's menu button opens.
 *
 * A page that is not in the menu (tier configuration, the outbox, an analytics tab…) names its menu entry in
 * `meta.section`; that entry is shown as the current one. Refine selects the menu key of the page's own
 * resource, so the entry takes that key.
 */
export function Sider(props: RefineThemedLayoutSiderProps) {
  const { selectedKey } = useMenu();
  const { resource } = useResourceParams();
  const section = resource?.meta?.section as string | undefined;
  const current = (items: ReactElement[]) => items.map((item) => (section && item.key === `/${section}` ? cloneElement(item, { key: selectedKey }) : item));
  return (
    <div className="console-sider">
      <ThemedSider {...props} fixed render={({ items }) => current(items as ReactElement[])} />
    </div>
  );
}
