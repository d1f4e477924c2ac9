import { Card, Col, Row, Statistic, Tooltip, Typography } from "antd";
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

/** KPI cards with the change against the previous period (green when it is good news, red when not, grey when none). */
export function KpiCards({ defs, kpis, previous, changes }: { defs: KpiDef[]; kpis: Record<string, number>; previous?: Record<string, number> | null; changes?: Record<string, number | null> | null }) {
  return (
    <Row gutter={[16, 16]}>
      {defs.map((d) => {
        const change = changes?.[d.key];
        const good = change === null || change === undefined || change === 0 ? null : d.inverse ? change < 0 : change > 0;
        return (
          <Col key={d.key} xs={12} md={8} xl={6} xxl={4}>
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
