import { Column, Line, Pie } from '@ant-design/charts';
import { formatShortDay } from '../../lib/format';

/**
 * The portal's analytics charts, in a module of their own: @ant-design/charts is large, so pages load
 * this with React.lazy and show a placeholder meanwhile.
 */
export type ChartSpec =
  | { kind: 'line'; data: object[]; x: string; y: string; color?: string; yTitle?: string }
  | { kind: 'column'; data: object[]; x: string; y: string; color?: string; stack?: boolean; yTitle?: string }
  | { kind: 'pie'; data: object[]; angle: string; color: string };

export default function Chart({ spec, height = 240 }: { spec: ChartSpec; height?: number }) {
  if (spec.kind === 'pie') {
    return <Pie data={spec.data} angleField={spec.angle} colorField={spec.color} innerRadius={0.6} height={height} legend={{ color: { position: 'right' } }} label={{ text: spec.angle, style: { fontWeight: 600 } }} />;
  }
  // Days arrive as "YYYY-MM-DD": the axis reads them in the reader's locale ("Nov 23"), other x values as they are.
  const axis = { x: { labelAutoHide: true, title: false, labelFormatter: (v: unknown) => formatShortDay(String(v)) }, y: { title: spec.yTitle ?? false } };
  if (spec.kind === 'line') {
    return <Line data={spec.data} xField={spec.x} yField={spec.y} colorField={spec.color} height={height} axis={axis} connectNulls legend={spec.color ? { color: { position: 'top' } } : false} />;
  }
  return <Column data={spec.data} xField={spec.x} yField={spec.y} colorField={spec.color} stack={spec.stack} height={height} axis={axis} legend={spec.color ? { color: { position: 'top' } } : false} />;
}
