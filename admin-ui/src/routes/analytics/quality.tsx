import { Card, Col, Row, Skeleton, Table } from "antd";
import { QueryError } from "../../components/query-error";
import { formatNumber, formatPercent, humanize } from "../../lib/format";
import type { ApiError } from "../../providers/http";
import { FilterBar, useFilters } from "./filters";
import { KpiCards, type KpiDef } from "./kpi-cards";
import { LazyChart } from "./lazy-chart";
import type { QualityReport } from "./types";
import { useReport } from "./use-report";

const KPIS: KpiDef[] = [
  { key: "analysesCompleted", title: "Analyses completed", format: (v) => formatNumber(v) },
  { key: "avgQualityScore", title: "Avg quality score", format: (v) => String(v) },
  { key: "bugsFound", title: "Bugs found", format: (v) => formatNumber(v) },
  { key: "bugsPerAnalysis", title: "Bugs per analysis", format: (v) => String(v) },
  { key: "avgConfidence", title: "Avg confidence", format: (v) => formatPercent(Math.round(v * 100) / 100) },
];

/** Code quality: score and bug trends of completed analyses, by analysis type. */
export function AnalyticsQuality() {
  const { filters, set, query } = useFilters();
  const { q, data } = useReport<QualityReport>("quality", query);
  return (
    <>
      <FilterBar report="quality" range={data?.range} filters={filters} set={set} query={query} />
      {q.isError && <QueryError error={q.error as ApiError} onRetry={() => q.refetch()} title="Could not load quality analytics" />}
      {!data ? (
        q.isLoading && <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <KpiCards defs={KPIS} kpis={data.kpis} previous={data.previous?.kpis} changes={data.changes} />
          </Col>
          <Col xs={24} xl={12}>
            <Card title="Average quality score">
              <LazyChart empty={!data.series.some((d) => d.avgQualityScore !== null)} spec={{ kind: "line", x: "day", y: "score", data: data.series.filter((d) => d.avgQualityScore !== null).map((d) => ({ day: d.day, score: d.avgQualityScore })) }} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title="Bugs found per day">
              <LazyChart empty={!data.series.some((d) => d.bugsFound)} spec={{ kind: "column", x: "day", y: "bugs", data: data.series.map((d) => ({ day: d.day, bugs: d.bugsFound })) }} />
            </Card>
          </Col>
          <Col span={24}>
            <Card title="By analysis type">
              <Table
                scroll={{ x: "max-content" }}
                rowKey="type"
                size="small"
                pagination={false}
                dataSource={data.byType}
                columns={[
                  { title: "Type", dataIndex: "type", render: (t: string) => humanize(t) },
                  { title: "Completed", dataIndex: "analysesCompleted", align: "right", render: (v: number) => formatNumber(v) },
                  { title: "Avg quality", dataIndex: "avgQualityScore", align: "right" },
                  { title: "Bugs found", dataIndex: "bugsFound", align: "right", render: (v: number) => formatNumber(v) },
                  { title: "Avg confidence", dataIndex: "avgConfidence", align: "right", render: (v: number) => formatPercent(Math.round(v * 100) / 100) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
