import { Tag, Tooltip, Typography } from "antd";
import { ROLE_COLORS, roleLabel } from "../lib/roles";
import { formatDateTime, formatRelative } from "../lib/format";
import type { UserRole } from "../lib/types";

export function RoleTag({ role }: { role: UserRole | string }) {
  return (
    <Tag color={(ROLE_COLORS as Record<string, string>)[role] ?? "default"} bordered={false}>
      {roleLabel(role)}
    </Tag>
  );
}

const STATUS_COLORS: Record<string, string> = {
  active: "green",
  suspended: "red",
  completed: "blue",
  archived: "default",
  sent: "green",
  queued: "processing",
  pending: "processing",
  failed: "red",
};

export function StatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? "default"} style={{ textTransform: "capitalize" }}>
      {status.replace(/_/g, " ")}
    </Tag>
  );
}

/**
 * An e-mail address that a narrow column wraps after the "@" (antd cells otherwise break it at any letter,
 * as in "name@example.or" / "g"). <wbr> is not copied with the text.
 */
export function EmailText({ email }: { email: string }) {
  const at = email.indexOf("@");
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

/** "3 hours ago", with the full date and time in a tooltip. */
export function RelativeTime({ value, emptyText = "Never" }: { value: string | null | undefined; emptyText?: string }) {
  if (!value) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <Tooltip title={formatDateTime(value)}>
      <time dateTime={value}>{formatRelative(value)}</time>
    </Tooltip>
  );
}
