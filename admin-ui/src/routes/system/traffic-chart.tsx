import { Column } from "@ant-design/charts";
import type { Performance } from "./types";

/** Requests and server errors per minute over the window (loaded on its own: the charts library is large). */
export default function TrafficChart({ series }: { series: Performance["series"] }) {
  const time = new Intl.DateTimeFormat(typeof navigator !== "undefined" ? navigator.language : undefined, { hour: "2-digit", minute: "2-digit" });
  const data = series.flatMap((point) => {
    const at = time.format(new Date(point.at));
    return [
      { at, kind: "Answered", count: point.requests - point.errors },
      { at, kind: "Server errors", count: point.errors },
    ];
  });
  return (
    <Column
      data={data}
      xField="at"
      yField="count"
      colorField="kind"
      stack
      height={220}
      scale={{ color: { range: ["#1677ff", "#ff4d4f"] } }}
      // one label every 10 minutes: 60 would overlap
      axis={{ x: { title: false, labelFilter: (_d: unknown, i: number) => i % 10 === 0 }, y: { title: "requests / min" } }}
      legend={{ color: { position: "top" } }}
    />
  );
}
