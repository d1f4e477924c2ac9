import { Card, Col, Descriptions, Row, Skeleton, Table, Typography } from "antd";
import dayjs from "dayjs";
import { QueryError } from "../../components/query-error";
import { formatCents, formatDay, formatNumber, humanize } from "../../lib/format";
import type { ApiError } from "../../providers/http";
import { FilterBar, useFilters } from "./filters";
import { KpiCards, type KpiDef } from "./kpi-cards";
import { LazyChart } from "./lazy-chart";
import type { RevenueReport } from "./types";
import { useReport } from "./use-report";

const money = (v: number) => formatCents(v);
const KPIS: KpiDef[] = [
  { key: "mrrEndCents", title: "MRR (end)", format: money },
  { key: "netNewMrrCents", title: "Net new MRR", format: money },
  { key: "newMrrCents", title: "New MRR", format: money },
  { key: "expansionMrrCents", title: "Expansion", format: money },
  { key: "contractionMrrCents", title: "Contraction", format: money, inverse: true },
  { key: "churnedMrrCents", title: "Churned MRR", format: money, inverse: true },
  { key: "invoicedCents", title: "Invoiced revenue", format: money, hint: "Invoices issued in the period (not drafts or void)" },
  { key: "paidCents", title: "Collected", format: money, hint: "Invoices paid in the period" },
  { key: "arpuCents", title: "ARPU", format: money, hint: "End MRR per paying customer" },
  { key: "payingCustomers", title: "Paying customers", format: (v) => formatNumber(v) },
];

/** A movement of MRR with its sign, green when it adds and red when it takes away; none reads "$0.00" in plain text. */
function Movement({ cents, sign }: { cents: number; sign: "+" | "−" }) {
  if (!cents) return <>{money(0)}</>;
  return (
    <Typography.Text type={sign === "+" ? "success" : "danger"}>
      {sign}
      {money(cents)}
    </Typography.Text>
  );
}

/** Revenue: MRR movements between the start and end balances, invoiced revenue beside MRR, ARPU, subscription mix. */
export function AnalyticsRevenue() {
  const { filters, set, query } = useFilters();
  const { q, data } = useReport<RevenueReport>("revenue", query);
  return (
    <>
      <FilterBar report="revenue" range={data?.range} filters={filters} set={set} query={query} />
      {q.isError && <QueryError error={q.error as ApiError} onRetry={() => q.refetch()} title="Could not load revenue analytics" />}
      {!data ? (
        q.isLoading && <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <KpiCards defs={KPIS} kpis={data.kpis} previous={data.previous?.kpis} changes={data.changes} />
          </Col>
          <Col xs={24} xl={10}>
            <Card title="MRR movements" data-testid="mrr-movements">
              {/* the amounts stay whole on a phone; the labels wrap instead */}
              <Descriptions column={1} size="small" bordered contentStyle={{ whiteSpace: "nowrap" }}>
                <Descriptions.Item label={`Start (end of ${formatDay(dayjs(data.range.from).subtract(1, "day").format("YYYY-MM-DD"))})`}>{money(data.kpis.mrrStartCents)}</Descriptions.Item>
                <Descriptions.Item label={`+ New (${formatNumber(data.kpis.newCustomers)} customers)`}><Movement sign="+" cents={data.kpis.newMrrCents} /></Descriptions.Item>
                <Descriptions.Item label="+ Expansion (upgrades)"><Movement sign="+" cents={data.kpis.expansionMrrCents} /></Descriptions.Item>
                <Descriptions.Item label="− Contraction (downgrades)"><Movement sign="−" cents={data.kpis.contractionMrrCents} /></Descriptions.Item>
                <Descriptions.Item label={`− Churned (${formatNumber(data.kpis.churnedCustomers)} customers)`}><Movement sign="−" cents={data.kpis.churnedMrrCents} /></Descriptions.Item>
                <Descriptions.Item label={`End (${formatDay(data.range.to)})`}><strong>{money(data.kpis.mrrEndCents)}</strong></Descriptions.Item>
                {data.previous && <Descriptions.Item label={`Previous period end (${formatDay(data.previous.range.to)})`}>{money(data.previous.kpis.mrrEndCents)}</Descriptions.Item>}
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title="MRR">
              <LazyChart
                spec={{
                  kind: "line", x: "day", y: "dollars", color: "period", yTitle: "USD",
                  data: [
                    ...data.series.map((d) => ({ day: d.day, period: "This period", dollars: d.mrrCents / 100 })),
                    ...(data.previous?.series ?? []).map((d, i) => ({ day: data.series[i]?.day ?? d.day, period: "Previous period", dollars: d.mrrCents / 100 })),
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title="Movements per day">
              <LazyChart
                empty={!data.series.some((d) => d.newCents || d.expansionCents || d.contractionCents || d.churnedCents)}
                spec={{ kind: "column", stack: true, x: "day", y: "dollars", color: "movement", yTitle: "USD", data: data.series.flatMap((d) => [{ day: d.day, movement: "New", dollars: d.newCents / 100 }, { day: d.day, movement: "Expansion", dollars: d.expansionCents / 100 }, { day: d.day, movement: "Contraction", dollars: -d.contractionCents / 100 }, { day: d.day, movement: "Churned", dollars: -d.churnedCents / 100 }]) }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title="Subscription mix" extra={`at ${formatDay(data.range.to)}`}>
              <LazyChart empty={data.subscriptionMix.every((m) => m.subscribers === 0)} height={200} spec={{ kind: "pie", angle: "subscribers", color: "tier", data: data.subscriptionMix.map((m) => ({ ...m, tier: humanize(m.tier) })) }} />
              <Table
                scroll={{ x: "max-content" }}
                rowKey="tier"
                size="small"
                pagination={false}
                dataSource={data.subscriptionMix}
                columns={[
                  { title: "Tier", dataIndex: "tier", render: (t: string) => humanize(t) },
                  { title: "Subscriptions", dataIndex: "subscribers", align: "right", render: (v: number) => formatNumber(v) },
                  { title: "MRR", dataIndex: "mrrCents", align: "right", render: money },
                ]}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card title="Invoiced and collected revenue">
              <LazyChart empty={!data.series.some((d) => d.invoicedCents || d.paidCents)} spec={{ kind: "column", group: true, x: "day", y: "dollars", color: "kind", yTitle: "USD", data: data.series.flatMap((d) => [{ day: d.day, kind: "Invoiced", dollars: d.invoicedCents / 100 }, { day: d.day, kind: "Collected", dollars: d.paidCents / 100 }]) }} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
