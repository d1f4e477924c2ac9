import { Card, List, Typography } from "antd";
import { Link } from "react-router";
import { AuditTarget } from "../../components/audit";
import { auditActionLabel } from "../../lib/audit";
import { formatRelative, formatDateTime } from "../../lib/format";
import type { AuditEntry } from "../../lib/types";

/** The latest audit entries: who changed what. */
export function RecentActivity({ entries }: { entries: AuditEntry[] }) {
  return (
    <Card title="Recent activity" extra={<Link to="/audit-log">Audit trail</Link>} data-testid="dashboard-activity">
      <List
        size="small"
        dataSource={entries}
        locale={{ emptyText: "Nothing has been changed yet." }}
        renderItem={(e) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span>
                  <Typography.Text strong title={e.action}>
                    {auditActionLabel(e.action)}
                  </Typography.Text>
                  {e.targetId && (
                    <>
                      {" · "}
                      <AuditTarget entry={e} />
                    </>
                  )}
                </span>
              }
              description={
                <span title={formatDateTime(e.createdAt)}>
                  {e.actorEmail ?? "system"} · {formatRelative(e.createdAt)}
                </span>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
