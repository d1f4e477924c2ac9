import { Button, Popconfirm, Space, Tag, Tooltip, theme } from "antd";
import { CheckOutlined, EyeInvisibleOutlined, RollbackOutlined } from "@ant-design/icons";
import { useInvalidate, useUpdate } from "@refinedev/core";
import { formatNumber } from "../../lib/format";
import { useCurrentUser } from "../../lib/use-current-user";
import { ERRORS_RESOURCE, type ErrorGroup, type GroupStatus } from "./types";

const STATUS_COLORS: Record<GroupStatus, string> = { unresolved: "red", resolved: "green", ignored: "default" };

export function GroupStatusTag({ group }: { group: Pick<ErrorGroup, "status" | "regressed"> }) {
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[group.status]} style={{ textTransform: "capitalize" }}>
        {group.status}
      </Tag>
      {group.regressed && (
        <Tooltip title="It was resolved, then happened again">
          <Tag color="volcano">Regression</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** Where errors happen, as the filter and the tags name it. */
export const COMPONENT_LABELS: Record<string, string> = { api: "API", job: "Background job", browser: "Browser" };

export function componentLabel(component: string): string {
  return COMPONENT_LABELS[component] ?? component;
}

/** A small bar chart of counts (oldest first), readable at table-row size. */
export function Sparkline({ values, label, width = 96, height = 24 }: { values: number[]; label: string; width?: number; height?: number }) {
  const { token } = theme.useToken();
  const max = Math.max(1, ...values);
  const bar = width / Math.max(1, values.length);
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <Tooltip title={`${formatNumber(total)} in ${label}`}>
      {/* narrower than its width in a small card (a phone), the chart scales down instead of sticking out */}
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" style={{ maxWidth: "100%" }} role="img" aria-label={`${total} events in ${label}`}>
        {values.map((v, i) => {
          const h = v ? Math.max(2, (v / max) * height) : 1;
          return <rect key={i} x={i * bar + 0.5} y={height - h} width={Math.max(1, bar - 1)} height={h} fill={v ? token.colorError : token.colorBorderSecondary} />;
        })}
      </svg>
    </Tooltip>
  );
}

/** Resolve / ignore / reopen, for people with system.manage (the server checks it too). */
export function GroupActions({ group, size = "small" }: { group: ErrorGroup; size?: "small" | "middle" }) {
  const { can } = useCurrentUser();
  const invalidate = useInvalidate();
  const { mutate, mutation } = useUpdate<ErrorGroup>();
  if (!can("system.manage")) return null;
  const set = (status: GroupStatus) =>
    mutate(
      {
        resource: ERRORS_RESOURCE,
        id: group.id,
        values: { status },
        successNotification: () => ({ type: "success", message: status === "resolved" ? "Marked as resolved" : status === "ignored" ? "Ignored" : "Reopened" }),
        errorNotification: (error) => ({ type: "error", message: "Could not change the status", description: error?.message }),
      },
      { onSuccess: () => void invalidate({ resource: ERRORS_RESOURCE, invalidates: ["list", "detail"], id: group.id }) },
    );
  const busy = mutation.isPending;
  const stop = (e?: React.MouseEvent) => e?.stopPropagation();
  return (
    <Space size={4} onClick={stop}>
      {group.status !== "resolved" && (
        <Popconfirm title="Mark this error as resolved?" description="If it happens again it reopens as a regression." okText="Resolve" onConfirm={() => set("resolved")}>
          <Button size={size} icon={<CheckOutlined />} loading={busy}>
            Resolve
          </Button>
        </Popconfirm>
      )}
      {group.status === "unresolved" && (
        <Popconfirm title="Ignore this error?" description="It keeps being counted but stops raising attention." okText="Ignore" onConfirm={() => set("ignored")}>
          <Button size={size} icon={<EyeInvisibleOutlined />} loading={busy}>
            Ignore
          </Button>
        </Popconfirm>
      )}
      {group.status !== "unresolved" && (
        <Button size={size} icon={<RollbackOutlined />} loading={busy} onClick={() => set("unresolved")}>
          Reopen
        </Button>
      )}
    </Space>
  );
}
