import { Card, Col, Grid, Row, Statistic, Tooltip, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { formatPercent } from "../../lib/format";

export interface KpiDef {
  key: string;
  title: string;
  format: (v: number) => string;
  hint?: string;
  /** a rise is bad news (churn, contraction) */
  inverse?: boolean;
}

/**
 * Cards per row: `max`, or fewer when that would leave one card alone on the last row (nine cards four to a
 * row read 4 + 4 + 1; three to a row, 3 + 3 + 3).
 */
export function cardsPerRow(count: number, max: number): number {
  if (count <= max) return max;
  for (let perRow = max; perRow > 2; perRow--) if (count % perRow !== 1) return perRow;
  return max;
}

/** KPI cards with the change against the previous period (green when it is good news, red when not, grey when none). */
export function KpiCards({ defs, kpis, previous, changes }: { defs: KpiDef[]; kpis: Record<string, number>; previous?: Record<string, number> | null; changes?: Record<string, number | null> | null }) {
  const screens = Grid.useBreakpoint();
  const perRow = cardsPerRow(defs.length, screens.xxl ? 6 : screens.xl ? 4 : screens.md ? 3 : 2);
  return (
    <Row gutter={[16, 16]}>
      {defs.map((d) => {
        const change = changes?.[d.key];
        const good = change === null || change === undefined || change === 0 ? null : d.inverse ? change < 0 : change > 0;
        return (
          <Col key={d.key} flex={`0 0 ${100 / perRow}%`}>
            <Card size="small" data-testid={`kpi-${d.key}`}>
              <Statistic title={d.hint ? <Tooltip title={d.hint}>{d.title}</Tooltip> : d.title} value={d.format(kpis[d.key] ?? 0)} />
              {changes && (
                <Typography.Text type={good === null ? "secondary" : good ? "success" : "danger"} style={{ fontSize: 12 }} data-testid={`change-${d.key}`}>
                  {change === null || change === undefined ? (
                    <>
                      <MinusOutlined /> no previous data
                    </>
                  ) : (
                    <>
                      {change > 0 ? <ArrowUpOutlined /> : change < 0 ? <ArrowDownOutlined /> : <MinusOutlined />} {formatPercent(Math.abs(change) / 100)} vs {previous ? d.format(previous[d.key] ?? 0) : "previous"}
                    </>
                  )}
                </Typography.Text>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
