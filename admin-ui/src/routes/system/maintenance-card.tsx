import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Input, Skeleton, Space, Tag, Typography } from "antd";
import { ToolOutlined } from "@ant-design/icons";
import { formatDateTime } from "../../lib/format";
import { http, toApiError } from "../../providers/http";
import { MAINTENANCE_CHANGED_EVENT, type MaintenanceState } from "./types";

const DEFAULT_MESSAGE = "Socrates is down for scheduled maintenance. Please try again shortly.";

/** Maintenance mode: customers' API requests answer 503 with the message; admins keep working. */
export function MaintenanceCard({ state, loading, canManage, onChanged }: { state: MaintenanceState | undefined; loading: boolean; canManage: boolean; onChanged: () => void }) {
  const { modal, message: toast } = App.useApp();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  // the server's complaint about the message itself, shown under the field
  const [messageError, setMessageError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (state) setText(state.message ?? "");
  }, [state]);

  const submit = async (enabled: boolean) => {
    setSaving(true);
    setError(null);
    setMessageError(null);
    try {
      await http.post<MaintenanceState>("/admin/system/maintenance", { enabled, message: enabled ? text.trim() || null : state?.message ?? null });
      window.dispatchEvent(new Event(MAINTENANCE_CHANGED_EVENT));
      toast.success(enabled ? "Maintenance mode is on." : "Maintenance mode is off.");
      onChanged();
    } catch (err) {
      const apiError = toApiError(err);
      const { message: messageErrors, ...others } = apiError.errors ?? {};
      if (messageErrors) setMessageError(messageErrors.join(" "));
      const rest = Object.values(others).flat();
      if (!messageErrors || rest.length) setError([apiError.message, ...rest].join(" "));
    } finally {
      setSaving(false);
    }
  };

  const confirm = (enabled: boolean) =>
    modal.confirm({
      title: enabled ? "Turn maintenance mode on?" : "Turn maintenance mode off?",
      content: enabled
        ? (
            <>
              <Typography.Paragraph>Customers will be refused with this message (503) until you turn it off. Admins keep working.</Typography.Paragraph>
              <Typography.Paragraph italic style={{ marginBottom: 0 }}>“{text.trim() || DEFAULT_MESSAGE}”</Typography.Paragraph>
            </>
          )
        : "Customers can use Socrates again at once.",
      okText: enabled ? "Turn on" : "Turn off",
      okButtonProps: { danger: enabled },
      onOk: () => submit(enabled),
    });

  return (
    <Card
      title={
        <Space>
          <ToolOutlined />
          Maintenance mode
        </Space>
      }
      extra={state ? state.enabled ? <Tag color="warning">on</Tag> : <Tag>off</Tag> : null}
      style={{ height: "100%" }}
      data-testid="maintenance-card"
    >
      {loading && !state ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            While on, customers see a banner in the portal and their requests answer with the message below. The console, sign-in and webhooks keep working.
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} />}
          <label htmlFor="maintenance-message">
            <Typography.Text strong>Message for customers</Typography.Text>
          </label>
          <Input.TextArea
            id="maintenance-message"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setMessageError(null);
            }}
            status={messageError ? "error" : undefined}
            aria-invalid={!!messageError}
            aria-describedby={messageError ? "maintenance-message-error" : undefined}
            placeholder={DEFAULT_MESSAGE}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            disabled={!canManage || saving}
          />
          {messageError && (
            <Typography.Text type="danger" id="maintenance-message-error">
              {messageError}
            </Typography.Text>
          )}
          {state?.updatedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Last switched {state.enabled ? "on" : "off"} {formatDateTime(state.updatedAt)}
              {state.updatedBy ? ` by ${state.updatedBy}` : ""}
            </Typography.Text>
          )}
          {canManage ? (
            state?.enabled ? (
              <Space wrap>
                <Button type="primary" onClick={() => confirm(false)} loading={saving}>
                  Turn maintenance off
                </Button>
                <Button onClick={() => submit(true)} loading={saving} disabled={text.trim() === (state.message ?? "")}>
                  Update message
                </Button>
              </Space>
            ) : (
              <Button danger type="primary" onClick={() => confirm(true)} loading={saving}>
                Turn maintenance on
              </Button>
            )
          ) : (
            <Typography.Text type="secondary">Switching maintenance mode needs the system.manage permission.</Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
