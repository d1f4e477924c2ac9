import { Bar, Column, Line, Pie } from "@ant-design/charts";
import { formatShortDay } from "../../lib/format";

/**
 * The console's analytics charts in a chunk of their own (the charts library is large): pages load this
 * module with React.lazy through LazyChart.
 */
export type ChartSpec =
  | { kind: "line"; data: object[]; x: string; y: string; color?: string; yTitle?: string }
  | { kind: "column"; data: object[]; x: string; y: string; color?: string; stack?: boolean; group?: boolean; yTitle?: string }
  /** horizontal bars: categories with long names (x) read across, values (y) along */
  | { kind: "bar"; data: object[]; x: string; y: string; yTitle?: string }
  | { kind: "pie"; data: object[]; angle: string; color: string };

export default function Chart({ spec, height = 260 }: { spec: ChartSpec; height?: number }) {
  if (spec.kind === "pie") {
    return <Pie data={spec.data} angleField={spec.angle} colorField={spec.color} innerRadius={0.6} height={height} legend={{ color: { position: "right" } }} />;
  }
  if (spec.kind === "bar") return <Bar data={spec.data} xField={spec.x} yField={spec.y} height={height} axis={{ x: { title: false }, y: { title: spec.yTitle ?? false } }} legend={false} />;
  // Days arrive as "YYYY-MM-DD": the axis reads them in the reader's locale ("Nov 23"), other x values as they are.
  const axis = { x: { labelAutoHide: true, title: false, labelFormatter: (v: unknown) => formatShortDay(String(v)) }, y: { title: spec.yTitle ?? false, ...(wholeNumbers(spec.data, spec.y) ? { tickMethod: wholeTicks } : {}) } };
  const legend = spec.color ? { color: { position: "top" as const } } : false;
  if (spec.kind === "line") return <Line data={spec.data} xField={spec.x} yField={spec.y} colorField={spec.color} height={height} axis={axis} legend={legend} connectNulls />;
  return <Column data={spec.data} xField={spec.x} yField={spec.y} colorField={spec.color} stack={spec.stack} group={spec.group} height={height} axis={axis} legend={legend} />;
}

/** Whether every value of a series is a whole number (counts), so its axis should not read 0.2, 0.4… */
function wholeNumbers(data: object[], field: string): boolean {
  return data.every((d) => {
    const v = (d as Record<string, unknown>)[field];
    return v === null || v === undefined || Number.isInteger(v);
  });
}

/** Ticks for a count axis: steps of 1, 2, 5, 10, 20… so that about `count` of them fit. */
function wholeTicks(start: number | Date, end: number | Date, count: number): number[] {
  const [lo, hi] = [Number(start), Number(end)];
  const raw = Math.max(1, (hi - lo) / Math.max(1, count - 1));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) ticks.push(v);
  return ticks;
}
