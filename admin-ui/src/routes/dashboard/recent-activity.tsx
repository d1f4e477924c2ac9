import { Card, List, Typography } from "antd";
import { Link } from "react-router";
import { AuditTarget } from "../../components/audit";
import { auditActorName, auditEntryLabel } from "../../lib/audit";
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
                    {auditEntryLabel(e)}
                  </Typography.Text>
                  {e.targetId && (
                    <>
                      {" · "}
                      <AuditTarget entry={e} inText />
                    </>
                  )}
                </span>
              }
              description={
                <span>
                  <span title={e.actorEmail ?? undefined}>{auditActorName(e) ?? "system"}</span> · <span title={formatDateTime(e.createdAt)}>{formatRelative(e.createdAt)}</span>
                </span>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
