import { useState } from "react";
import { Alert, App, Button, Card, Col, Flex, InputNumber, Popconfirm, Row, Space, Statistic, Typography, theme } from "antd";
import { FastForwardOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { useCustom } from "@refinedev/core";
import { formatDateTime } from "../../lib/format";
import type { PublicConfig } from "../../lib/types";
import { useCurrentUser } from "../../lib/use-current-user";
import { http, toApiError } from "../../providers/http";

/** POST /api/admin/billing/run-month-end answers with what the run did. */
interface MonthEndCounts {
  examined: number;
  invoiced: number;
  skipped: number;
  collected: number;
  failed: number;
}

/** POST /api/admin/billing/advance-clock answers with the server clock after the move. */
interface ClockState {
  now: string;
  offsetDays: number;
}

/** Sessions last 14 days by default (SESSION_TTL_HOURS); advancing past that signs everyone out. */
const SESSION_DAYS = 14;

const COUNT_LABELS: { key: keyof MonthEndCounts; label: string }[] = [
  { key: "examined", label: "Examined" },
  { key: "invoiced", label: "Invoiced" },
  { key: "skipped", label: "Skipped" },
  { key: "collected", label: "Collected" },
  { key: "failed", label: "Failed" },
];

/**
 * Test-mode billing controls: advance the server clock and run month end now. Shown only to people with
 * billing.manage outside production; the server refuses both there anyway (409 test_mode_only).
 */
export function BillingTestTools() {
  const { can } = useCurrentUser();
  const allowed = can("billing.manage");
  const { result } = useCustom<PublicConfig>({
    url: "/config",
    method: "get",
    errorNotification: false,
    queryOptions: { staleTime: 60_000, retry: false, enabled: allowed },
  });
  const environment = (result.data as PublicConfig | undefined)?.environment;
  if (!allowed || !environment || environment === "production") return null;
  return <ToolsCard />;
}

function ToolsCard() {
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [days, setDays] = useState<number>(30);
  const [busy, setBusy] = useState<"clock" | "month-end" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<(MonthEndCounts & { ranAt: Date }) | null>(null);
  const [clockState, setClockState] = useState<ClockState | null>(null);

  const advanceClock = async () => {
    setBusy("clock");
    setError(null);
    try {
      const { data } = await http.post<ClockState>("/admin/billing/advance-clock", { days });
      setClockState(data);
      message.success(`Clock advanced by ${days} day${days === 1 ? "" : "s"}.`);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(null);
    }
  };

  const runMonthEnd = async () => {
    setBusy("month-end");
    setError(null);
    try {
      const { data } = await http.post<MonthEndCounts>("/admin/billing/run-month-end");
      setCounts({ ...data, ranAt: new Date() });
      message.success("Month end ran.");
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="Test-mode billing tools" data-testid="billing-tools" style={{ marginBottom: 16 }}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          Month end invoices every subscription whose billing period has ended. Advancing the clock moves the
          platform's clock forward so periods end without waiting; advancing more than {SESSION_DAYS} days signs
          everyone out, you included. Both actions are recorded in the audit trail.
        </Typography.Paragraph>

        <Space wrap size="middle" align="center">
          <Space size="small" align="center">
            <label htmlFor="billing-tools-days">Days</label>
            <InputNumber
              id="billing-tools-days"
              min={1}
              max={90}
              precision={0}
              value={days}
              onChange={(value) => setDays(value ?? 1)}
              disabled={busy !== null}
              style={{ width: 100 }}
            />
          </Space>
          <Popconfirm
            title={`Advance the clock by ${days} day${days === 1 ? "" : "s"}?`}
            description={
              <div style={{ maxWidth: 280 }}>
                {days > SESSION_DAYS
                  ? `This is more than ${SESSION_DAYS} days: everyone, you included, is signed out.`
                  : "Subscriptions whose period ends in that time become due for month end."}
              </div>
            }
            okText="Advance clock"
            cancelText="Cancel"
            onConfirm={advanceClock}
          >
            <Button icon={<FastForwardOutlined />} loading={busy === "clock"} disabled={busy === "month-end"} data-testid="advance-clock">
              Advance clock
            </Button>
          </Popconfirm>
          <Popconfirm
            title="Run month end now?"
            description={<div style={{ maxWidth: 280 }}>Every subscription whose period has ended is invoiced and charged.</div>}
            okText="Run month end"
            cancelText="Cancel"
            onConfirm={runMonthEnd}
          >
            <Button type="primary" icon={<ThunderboltOutlined />} loading={busy === "month-end"} disabled={busy === "clock"} data-testid="run-month-end">
              Run month end now
            </Button>
          </Popconfirm>
        </Space>

        {error && <Alert type="error" showIcon message={error} role="alert" closable onClose={() => setError(null)} />}

        {clockState && (
          <Typography.Text data-testid="clock-state">
            Platform clock: <b>{formatDateTime(clockState.now)}</b> ({clockState.offsetDays} day{clockState.offsetDays === 1 ? "" : "s"} ahead of real
            time)
          </Typography.Text>
        )}

        {counts && (
          <div data-testid="month-end-result">
            <Typography.Text strong>Last month-end run</Typography.Text>{" "}
            <Typography.Text type="secondary">({formatDateTime(counts.ranAt)})</Typography.Text>
            <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
              {COUNT_LABELS.map(({ key, label }) => (
                <Col key={key} xs={12} sm={8} md={4}>
                  <Statistic
                    title={label}
                    value={counts[key]}
                    valueStyle={key === "failed" && counts.failed > 0 ? { color: token.colorError } : undefined}
                  />
                </Col>
              ))}
            </Row>
          </div>
        )}
      </Flex>
    </Card>
  );
}
