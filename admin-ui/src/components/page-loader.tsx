import { Card, Skeleton } from "antd";

/** Placeholder while a lazily loaded page's code arrives. */
export function PageLoader() {
  return (
    <Card aria-busy="true" aria-label="Loading">
      <Skeleton active paragraph={{ rows: 6 }} />
    </Card>
  );
}
