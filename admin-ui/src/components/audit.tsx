import { Table, Tag, Typography } from "antd";
import { Link } from "react-router";
import { auditFieldLabel, auditTargetName, auditTargetPath, auditTargetTypeLabel, formatAuditValue } from "../lib/audit";
import { useCurrentUser } from "../lib/use-current-user";
import type { AuditEntry } from "../lib/types";

/**
 * What an entry is about: its name when known ("Ada Lovelace", "T-000004 · Invoice shows two plan fees",
 * "Billing admin"), else its kind and short id ("Ticket 4e6ea51a", or "4e6ea51a" where the kind is shown
 * beside it); a link to its page when the reader may open it. `inText`: the link sits within a line of text,
 * where it is underlined, not told apart by its colour alone.
 */
export function AuditTarget({ entry, withType = true, inText = false }: { entry: AuditEntry; withType?: boolean; inText?: boolean }) {
  const { can } = useCurrentUser();
  if (!entry.targetType) return null;
  const type = auditTargetTypeLabel(entry.targetType);
  if (!entry.targetId) return withType ? <>{type}</> : null;
  const name = entry.targetLabel ?? auditTargetName(entry);
  const shortId = entry.targetId.slice(0, 8);
  const text = name ?? (withType ? `${type} ${shortId}` : shortId);
  // a ticket's number stays on one line ("T-000009" would break at its hyphen on a phone)
  const numbered = entry.targetType === "support_ticket" ? /^(\S+)( · .*)$/.exec(text) : null;
  const label = numbered ? (
    <>
      <span style={{ whiteSpace: "nowrap" }}>{numbered[1]}</span>
      {numbered[2]}
    </>
  ) : (
    text
  );
  const path = auditTargetPath(entry, can);
  return path ? (
    <Link to={path} title={entry.targetId} style={inText ? { textDecoration: "underline" } : undefined}>
      {label}
    </Link>
  ) : (
    <span title={entry.targetId}>{label}</span>
  );
}

type ChangeRow = { key: string; before: unknown; after: unknown };

const asRecord = (value: unknown): Record<string, unknown> =>
  value === null || value === undefined ? {} : typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A list value with the items added (green) or removed (red) against the other side, e.g. a role's permissions. */
function ListValue({ items, other, tone }: { items: unknown[]; other: unknown; tone: "added" | "removed" }) {
  if (!items.length) return <Typography.Text type="secondary">none</Typography.Text>;
  const others = Array.isArray(other) ? other : [];
  return (
    <>
      {items.map((item) => (
        <Tag key={String(item)} bordered={false} color={others.includes(item) ? undefined : tone === "added" ? "green" : "red"} style={{ marginBottom: 4 }}>
          {String(item)}
        </Tag>
      ))}
    </>
  );
}

function Value({ row, side, names }: { row: ChangeRow; side: "before" | "after"; names?: Record<string, string> }) {
  const value = row[side];
  const other = side === "before" ? row.after : row.before;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return <ListValue items={value} other={other} tone={side === "after" ? "added" : "removed"} />;
  }
  const shown = formatAuditValue(row.key, value, names);
  return shown === "—" ? <Typography.Text type="secondary">—</Typography.Text> : <span style={{ whiteSpace: "pre-wrap" }}>{shown}</span>;
}

/**
 * An entry's recorded before and after values, field by field, users' ids as their names (`names`);
 * when both were recorded, changed fields are in bold.
 */
export function AuditChanges({ before, after, names }: { before: unknown; after: unknown; names?: Record<string, string> }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const compared = before !== null && before !== undefined && after !== null && after !== undefined;
  const rows: ChangeRow[] = [...new Set([...Object.keys(b), ...Object.keys(a)])].map((key) => ({ key, before: b[key], after: a[key] }));
  if (!rows.length) return <Typography.Text type="secondary">No values were recorded.</Typography.Text>;
  return (
    <Table<ChangeRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      style={{ maxWidth: 960 }}
      columns={[
        {
          title: "Field",
          dataIndex: "key",
          width: 200,
          render: (key: string, row) => (!compared || same(row.before, row.after) ? auditFieldLabel(key) : <Typography.Text strong>{auditFieldLabel(key)}</Typography.Text>),
        },
        { title: "Before", key: "before", render: (_, row) => <Value row={row} side="before" names={names} /> },
        { title: "After", key: "after", render: (_, row) => <Value row={row} side="after" names={names} /> },
      ]}
    />
  );
}
