import { Tag } from "antd";
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from "@ant-design/icons";
import { formatNumber } from "../../lib/format";
import type { HealthStatus } from "./types";

const LOOK: Record<HealthStatus, { color: string; icon: React.ReactNode; text: string }> = {
  ok: { color: "success", icon: <CheckCircleFilled />, text: "OK" },
  degraded: { color: "warning", icon: <ExclamationCircleFilled />, text: "Degraded" },
  down: { color: "error", icon: <CloseCircleFilled />, text: "Down" },
};

/** A health status as a coloured tag with an icon (colour is never the only signal). */
export function HealthTag({ status }: { status: HealthStatus }) {
  const look = LOOK[status] ?? LOOK.down;
  return (
    <Tag color={look.color} icon={look.icon} data-testid="health-status">
      {look.text}
    </Tag>
  );
}

/** "12 ms", or "not measured" for checks that read configuration only. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return `${formatNumber(ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms))} ms`;
}
