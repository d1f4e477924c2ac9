import { lazy, Suspense } from "react";
import { Empty, Skeleton } from "antd";
import type { ChartSpec } from "./charts";

const Chart = lazy(() => import("./charts"));

/** A chart loaded on demand, with a placeholder while it loads and an empty state without data. */
export function LazyChart({ spec, height = 260, empty }: { spec: ChartSpec; height?: number; empty?: boolean }) {
  if (empty) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No data in this period" style={{ minHeight: height - 40, paddingTop: height / 5 }} />;
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height }} />}>
      <div data-testid="analytics-chart">
        <Chart spec={spec} height={height} />
      </div>
    </Suspense>
  );
}
