import { useEffect, useState } from "react";
import { Tag, Tooltip } from "antd";
import { ClockCircleOutlined, WarningOutlined } from "@ant-design/icons";
import { formatDateTime, humanize } from "../../lib/format";
import { serverNow } from "../../providers/http";
import type { AgentTicket, TicketPriority, TicketStatus } from "./types";

const STATUS_COLORS: Record<TicketStatus, string> = {
  open: "blue",
  in_progress: "processing",
  waiting_on_customer: "gold",
  resolved: "green",
  closed: "default",
};
const PRIORITY_COLORS: Record<TicketPriority, string> = { urgent: "red", high: "volcano", normal: "blue", low: "default" };

export const statusLabel = humanize;
export const priorityLabel = (p: string) => p.replace(/^./, (c) => c.toUpperCase());
export const tierLabel = (t: string | null | undefined) => (t ? t.replace(/^./, (c) => c.toUpperCase()) : "—");

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  return <Tag color={STATUS_COLORS[status] ?? "default"}>{statusLabel(status)}</Tag>;
}

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  return (
    <Tag color={PRIORITY_COLORS[priority] ?? "default"} bordered={false}>
      {priorityLabel(priority)}
    </Tag>
  );
}

export function TierTag({ tier }: { tier: string | null }) {
  const color = tier === "enterprise" ? "purple" : tier === "professional" ? "geekblue" : "default";
  return <Tag color={color}>{tierLabel(tier)}</Tag>;
}

/** The server's "now", ticking every 30 seconds so countdowns stay current without reloading the list. */
function useNow(intervalMs = 30_000) {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function humanDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The next SLA deadline of a ticket as a countdown: first response until answered, then resolution. */
export function SlaCountdown({ ticket }: { ticket: Pick<AgentTicket, "status" | "firstRespondedAt" | "firstResponseDueAt" | "resolutionDueAt" | "slaBreached"> }) {
  const now = useNow();
  if (ticket.status === "resolved" || ticket.status === "closed") return <Tag bordered={false}>Done</Tag>;
  const firstPending = !ticket.firstRespondedAt;
  const due = firstPending ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  if (!due) return null;
  const left = new Date(due).getTime() - now;
  const what = firstPending ? "First response" : "Resolution";
  const tip = `${what} due ${formatDateTime(due)}`;
  if (left <= 0 || ticket.slaBreached) {
    return (
      <Tooltip title={tip}>
        <Tag color="red" icon={<WarningOutlined />}>
          {left <= 0 ? `${what} overdue ${humanDuration(left)}` : "SLA breached"}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={tip}>
      <Tag color={left < 60 * 60_000 ? "orange" : "default"} icon={<ClockCircleOutlined />}>
        {what} in {humanDuration(left)}
      </Tag>
    </Tooltip>
  );
}
