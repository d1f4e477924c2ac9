import { Card, Col, Row, Statistic, Typography, theme } from "antd";
import { Link } from "react-router";
import { formatCents, formatNumber, formatPercent } from "../../lib/format";
import type { DashboardSummary } from "./types";

interface Tile {
  key: string;
  title: string;
  value: string;
  note: string;
  to: string;
  danger?: boolean;
}

/** The headline numbers the caller may see: customers, subscriptions, MRR, open tickets, error rate. */
export function KeyNumbers({ summary }: { summary: DashboardSummary }) {
  const { token } = theme.useToken();
  const tiles: Tile[] = [];
  if (summary.customers) {
    tiles.push({ key: "customers", title: "Customers", value: formatNumber(summary.customers.total), note: `${formatNumber(summary.customers.newLast30Days)} new · ${formatNumber(summary.customers.activeLast30Days)} active in 30 days`, to: "/users" });
  }
  if (summary.billing) {
    tiles.push({ key: "subscriptions", title: "Paid subscriptions", value: formatNumber(summary.billing.paidSubscriptions), note: `${formatNumber(summary.billing.activeSubscriptions)} live in all · ${formatNumber(summary.billing.pastDue)} past due`, to: "/subscriptions", danger: summary.billing.pastDue > 0 });
    tiles.push({ key: "mrr", title: "MRR", value: formatCents(summary.billing.mrrCents, summary.billing.currency), note: "monthly price of live paid plans", to: "/subscriptions" });
  }
  if (summary.tickets) {
    tiles.push({ key: "tickets", title: "Open tickets", value: formatNumber(summary.tickets.open), note: `${formatNumber(summary.tickets.unassigned)} unassigned · ${formatNumber(summary.tickets.slaBreached)} past SLA`, to: "/support-tickets", danger: summary.tickets.slaBreached > 0 });
  }
  if (summary.traffic) {
    tiles.push({ key: "errors", title: "Error rate (1 h)", value: formatPercent(summary.traffic.errorRatePercent / 100), note: `${formatNumber(summary.traffic.requestsLastHour)} requests`, to: "/system", danger: (summary.alerts ?? []).some((a) => a.metric === "error_rate") });
  }
  if (tiles.length === 0) return null;
  return (
    <Row gutter={[16, 16]}>
      {tiles.map((tile) => (
        <Col key={tile.key} flex="1 1 200px">
          <Link to={tile.to}>
            <Card hoverable size="small" data-testid={`kpi-${tile.key}`}>
              <Statistic title={tile.title} value={tile.value} valueStyle={tile.danger ? { color: token.colorError } : undefined} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tile.note}
              </Typography.Text>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
