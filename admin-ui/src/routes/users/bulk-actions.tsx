import { useState } from "react";
import { Alert, App, Button, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, PlayCircleOutlined, StopOutlined } from "@ant-design/icons";
import { useInvalidate } from "@refinedev/core";
import { http, toApiError } from "../../providers/http";
import { useCurrentUser } from "../../lib/use-current-user";
import { useDownload } from "../../lib/use-download";
import type { BulkResult, UserRow } from "./types";

type Action = "suspend" | "reactivate" | "export";
const LABEL: Record<Action, string> = { suspend: "Suspend", reactivate: "Reactivate", export: "Export" };

/**
 * Actions on the selected rows (POST /api/admin/users/bulk). Each user succeeds or fails on its own; the
 * outcome per user is shown afterwards, so a refusal (yourself, a super admin) is never silent.
 */
export function BulkActions({ selected, onDone }: { selected: UserRow[]; onDone: () => void }) {
  const { can } = useCurrentUser();
  const { message } = App.useApp();
  const { download, downloading } = useDownload();
  const invalidate = useInvalidate();
  const [askReason, setAskReason] = useState(false);
  const [running, setRunning] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<{ action: Action; result: BulkResult } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const run = async (action: Action, reason?: string) => {
    setRunning(action);
    try {
      const { data } = await http.post<BulkResult>("/admin/users/bulk", { action, ids: selected.map((u) => u.id), ...(reason ? { reason } : {}) });
      setAskReason(false);
      form.resetFields();
      setOutcome({ action, result: data });
      if (action === "export" && data.downloadUrl) void download(data.downloadUrl);
      if (action !== "export") await invalidate({ resource: "users", invalidates: ["list"] });
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.errors?.reason) form.setFields([{ name: "reason", errors: apiError.errors.reason }]);
      else message.error(apiError.message);
    } finally {
      setRunning(null);
    }
  };

  const nameOf = (id: string) => selected.find((u) => u.id === id);

  return (
    <>
      <Flex gap={8} align="center" wrap="wrap" data-testid="bulk-actions" style={{ padding: "8px 12px", marginBottom: 12, background: "rgba(22,119,255,0.06)", borderRadius: 8 }}>
        <Typography.Text strong>{selected.length} selected</Typography.Text>
        {can("users.suspend") && (
          <>
            <Button danger icon={<StopOutlined />} onClick={() => setAskReason(true)} loading={running === "suspend"}>
              Suspend
            </Button>
            <Button icon={<PlayCircleOutlined />} onClick={() => run("reactivate")} loading={running === "reactivate"}>
              Reactivate
            </Button>
          </>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => run("export")} loading={running === "export"}>
          Export selected
        </Button>
        <Button type="link" onClick={onDone}>
          Clear selection
        </Button>
      </Flex>

      <Modal
        open={askReason}
        title={`Suspend ${selected.length} user${selected.length === 1 ? "" : "s"}?`}
        okText="Suspend"
        okButtonProps={{ danger: true, loading: running === "suspend" }}
        onOk={() => form.validateFields().then((v) => run("suspend", v.reason), () => undefined)}
        onCancel={() => setAskReason(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>Their sessions end at once and they cannot sign in until reactivated.</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="Reason (kept in the audit trail)" rules={[{ required: true, min: 3, message: "Say why (at least 3 characters)" }]}>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!outcome}
        title={outcome ? `${LABEL[outcome.action]}: ${outcome.result.succeeded} done, ${outcome.result.failed} refused` : ""}
        onCancel={() => {
          setOutcome(null);
          if (outcome?.result.failed === 0) onDone();
        }}
        footer={
          <Space>
            {outcome?.result.downloadUrl && (
              <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(outcome.result.downloadUrl!)}>
                Download again
              </Button>
            )}
            <Button
              type="primary"
              onClick={() => {
                setOutcome(null);
                onDone();
              }}
            >
              Close
            </Button>
          </Space>
        }
        width={640}
      >
        {outcome && outcome.result.failed > 0 && <Alert type="warning" showIcon message="Some users were left as they were; the reasons are below." style={{ marginBottom: 12 }} />}
        <Table
          data-testid="bulk-results"
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ y: 320 }}
          dataSource={outcome?.result.results ?? []}
          columns={[
            {
              title: "User",
              dataIndex: "id",
              render: (id: string) => {
                const user = nameOf(id);
                return user ? `${user.name} <${user.email}>` : <Typography.Text code>{id}</Typography.Text>;
              },
            },
            {
              title: "Result",
              dataIndex: "ok",
              width: 260,
              render: (ok: boolean, row) =>
                ok ? (
                  <Tag icon={<CheckCircleFilled />} color="success">
                    Done
                  </Tag>
                ) : (
                  <Flex vertical>
                    <Tag icon={<CloseCircleFilled />} color="error" style={{ width: "fit-content" }}>
                      Refused
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {row.message}
                    </Typography.Text>
                  </Flex>
                ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
