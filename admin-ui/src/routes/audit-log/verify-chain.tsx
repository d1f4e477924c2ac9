import { useState } from "react";
import { Alert, Button, Modal, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { formatDateTime, formatNumber } from "../../lib/format";
import { http, toApiError } from "../../providers/http";

interface ChainReport {
  intact: boolean;
  checkedRows: number;
  checkedAt: string;
  firstBroken: { id: string; seq: number; createdAt: string; action: string; problem: "content_changed" | "previous_row_missing_or_changed" } | null;
}

const PROBLEM: Record<string, string> = {
  content_changed: "its content was changed after it was written",
  previous_row_missing_or_changed: "the entry before it was deleted or changed",
};

/** "Verify chain": re-computes the audit trail's hash chain on the server and says whether it is intact. */
export function VerifyChainButton() {
  const [loading, setLoading] = useState(false);
  const [report, setReport] = useState<ChainReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    setLoading(true);
    setError(null);
    try {
      const { data } = await http.get<ChainReport>("/admin/audit-log/verify");
      setReport(data);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={loading} data-testid="verify-chain">
        Verify chain
      </Button>
      <Modal open={!!report || !!error} title="Audit trail integrity" onCancel={() => { setReport(null); setError(null); }} footer={null}>
        {error && <Alert type="error" showIcon message="Could not verify the chain" description={error} />}
        {report?.intact && (
          <Alert
            type="success"
            showIcon
            message="The chain is intact"
            description={`All ${formatNumber(report.checkedRows)} entries match their hashes and follow one another (checked ${formatDateTime(report.checkedAt)}).`}
          />
        )}
        {report && !report.intact && report.firstBroken && (
          <Alert
            type="error"
            showIcon
            message="The chain is broken"
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  First broken entry: #{report.firstBroken.seq} <Typography.Text code>{report.firstBroken.action}</Typography.Text> of {formatDateTime(report.firstBroken.createdAt)}: {PROBLEM[report.firstBroken.problem]}.
                </Typography.Paragraph>
                <Typography.Text type="secondary">Entry id: {report.firstBroken.id}</Typography.Text>
              </>
            }
          />
        )}
      </Modal>
    </>
  );
}
