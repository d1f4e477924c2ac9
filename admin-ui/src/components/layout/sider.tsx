import { ThemedSider } from "@refinedev/antd";
import type { RefineThemedLayoutSiderProps } from "@refinedev/antd";
import "./sider.css";

/**
 * The menu without Refine's own "Logout" entry: signing out lives in the header, beside the user's name.
 * Below lg the menu is a drawer that the header's menu button opens.
 */
export function Sider(props: RefineThemedLayoutSiderProps) {
  return (
    <div className="console-sider">
      <ThemedSider {...props} render={({ items }) => items} />
    </div>
  );
}
