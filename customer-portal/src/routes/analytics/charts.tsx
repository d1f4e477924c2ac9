import { Column, Line, Pie } from '@ant-design/charts';
import { dayToDate, formatDay, formatShortDate, formatShortDay } from '../../lib/format';

/**
 * The portal's analytics charts, in a module of their own: @ant-design/charts is large, so pages load
 * this with React.lazy and show a placeholder meanwhile.
 */
export type ChartSpec =
  /** `days`: x holds "YYYY-MM-DD" days placed on a time axis from `from` to `to`, so distance is time even when days are missing. */
  | { kind: 'line'; data: object[]; x: string; y: string; color?: string; yTitle?: string; days?: { from: string; to: string } }
  | { kind: 'column'; data: object[]; x: string; y: string; color?: string; stack?: boolean; yTitle?: string }
  | { kind: 'pie'; data: object[]; angle: string; color: string };

export default function Chart({ spec, height = 240 }: { spec: ChartSpec; height?: number }) {
  if (spec.kind === 'pie') {
    return <Pie data={spec.data} angleField={spec.angle} colorField={spec.color} innerRadius={0.6} height={height} legend={{ color: { position: 'right' } }} label={{ text: spec.angle, style: { fontWeight: 600 } }} />;
  }
  // Days arrive as "YYYY-MM-DD": the axis reads them in the reader's locale ("Nov 23"), other x values as they are.
  const axis = { x: { labelAutoHide: true, title: false, labelFormatter: (v: unknown) => formatShortDay(String(v)) }, y: { title: spec.yTitle ?? false, ...(wholeNumbers(spec.data, spec.y) ? { tickMethod: wholeTicks } : {}) } };
  if (spec.kind === 'line' && spec.days) {
    const { x, days } = spec;
    const data = spec.data.map((d) => {
      const day = String((d as Record<string, unknown>)[x]);
      return { ...d, [x]: dayToDate(day), dayLabel: formatDay(day) };
    });
    return (
      <Line
        data={data}
        xField={x}
        yField={spec.y}
        colorField={spec.color}
        height={height}
        scale={{ x: { type: 'time', domain: [dayToDate(days.from), dayToDate(days.to)], nice: false } }}
        axis={{ ...axis, x: { ...axis.x, labelFormatter: (v: Date) => formatShortDate(v) } }}
        point={{ shapeField: 'circle', sizeField: 3 }}
        tooltip={{ title: (d: { dayLabel: string }) => d.dayLabel }}
        legend={spec.color ? { color: { position: 'top' } } : false}
      />
    );
  }
  if (spec.kind === 'line') {
    return <Line data={spec.data} xField={spec.x} yField={spec.y} colorField={spec.color} height={height} axis={axis} connectNulls legend={spec.color ? { color: { position: 'top' } } : false} />;
  }
  return <Column data={spec.data} xField={spec.x} yField={spec.y} colorField={spec.color} stack={spec.stack} height={height} axis={axis} legend={spec.color ? { color: { position: 'top' } } : false} />;
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
