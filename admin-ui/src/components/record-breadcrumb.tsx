import { Breadcrumb } from "antd";
import { HomeOutlined } from "@ant-design/icons";
import { matchResourceFromRoute, useBreadcrumb, useLink, useResourceParams } from "@refinedev/core";
import "./record-breadcrumb.css";

/**
 * The trail above a record page: Refine's own (home, then the section) ending in the record's name, where
 * Refine would end in the action's label ("Users / Show"), which tells an agent nothing. Without a name
 * (the record is loading or failed to load) the trail stops at the section.
 *
 * Items are built like @refinedev/antd's Breadcrumb, so both look the same. Pass it to a page's
 * `breadcrumb` prop: record-breadcrumb.css also lets that page's title wrap instead of ending in "…".
 */
export function RecordBreadcrumb({ name }: { name?: string }) {
  const { breadcrumbs } = useBreadcrumb();
  const { action, resources } = useResourceParams();
  const Link = useLink();
  const home = matchResourceFromRoute("/", resources);

  // useBreadcrumb's last item is the action ("Show", "Edit") on any page that is not a list.
  const sections = action && action !== "list" ? breadcrumbs.slice(0, -1) : breadcrumbs;
  const items = [
    ...(home.found ? [{ key: "home", title: <Link to="/">{home.resource?.meta?.icon ?? <HomeOutlined />}</Link> }] : []),
    ...sections.map(({ label, icon, href }) => ({
      key: `section-${label}`,
      title: (
        <div style={{ display: "flex", alignItems: "center", justifyContent: "center", gap: 4 }}>
          {icon}
          {href ? <Link to={href}>{label}</Link> : <span>{label}</span>}
        </div>
      ),
    })),
    ...(name ? [{ key: "record", title: <span aria-current="page">{name}</span> }] : []),
  ];

  return <Breadcrumb className="record-breadcrumb" items={items} />;
}
