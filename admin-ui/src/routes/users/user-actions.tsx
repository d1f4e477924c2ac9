import { useState } from "react";
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Typography } from "antd";
import { DeleteOutlined, EyeOutlined, KeyOutlined, PlayCircleOutlined, StopOutlined } from "@ant-design/icons";
import { useInvalidate } from "@refinedev/core";
import { useCurrentUser } from "../../lib/use-current-user";
import { http, toApiError } from "../../providers/http";
import type { UserHistory } from "./types";

/**
 * What an admin can do to this account, each behind a confirmation: suspend (with a reason), reactivate,
 * reset the password, delete (type the e-mail to confirm) and view the portal as the customer.
 * Buttons follow the admin's permissions; the server checks them again. A role with none of them sees no card.
 */
export function UserActionsCard({ user }: { user: UserHistory }) {
  const { user: me, can } = useCurrentUser();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [suspendOpen, setSuspendOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [confirmText, setConfirmText] = useState("");
  const [suspendForm] = Form.useForm<{ reason: string }>();

  const isSelf = me?.id === user.id;
  const deleted = user.status === "deleted";
  const isSuperAdmin = user.role === "super_admin";
  const canImpersonate = can("users.impersonate") && user.role === "customer" && user.status === "active" && !isSelf;
  const canSuspend = can("users.suspend");
  const canDelete = can("users.delete");
  const refresh = () => invalidate({ resource: "users", invalidates: ["list", "detail"], id: user.id });

  const act = async (key: string, call: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(null);
    try {
      await call();
      message.success(done);
      await refresh();
      return true;
    } catch (err) {
      const apiError = toApiError(err);
      if (key === "suspend" && apiError.errors?.reason) suspendForm.setFields([{ name: "reason", errors: apiError.errors.reason }]);
      else setError(apiError.message);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const suspend = async () => {
    // an invalid reason is shown on the field; nothing is sent
    const values = await suspendForm.validateFields().catch(() => null);
    if (!values) return;
    const { reason } = values;
    const ok = await act("suspend", () => http.post(`/admin/users/${user.id}/suspend`, { reason }), `${user.name} is suspended and signed out everywhere.`);
    if (ok) setSuspendOpen(false);
  };

  const confirmed = confirmText.trim().toLowerCase() === user.email.toLowerCase();
  const erase = async () => {
    if (!confirmed || busy) return;
    const ok = await act("delete", () => http.delete(`/admin/users/${user.id}`), "The account's personal data is erased.");
    if (ok) setDeleteOpen(false);
  };

  const viewAsCustomer = async () => {
    setBusy("impersonate");
    setError(null);
    try {
      const { data } = await http.post<{ redirectTo: string }>(`/admin/users/${user.id}/impersonate`);
      window.location.assign(data.redirectTo);
    } catch (err) {
      setError(toApiError(err).message);
      setBusy(null);
    }
  };

  if (deleted) {
    return (
      <Card title="Actions">
        <Alert type="info" showIcon message="This account was deleted" description="Its personal data is erased; invoices are kept for the books." />
      </Card>
    );
  }

  if (!canImpersonate && !canSuspend && !canDelete) return null;

  const blocked = isSelf ? "These actions are not available on your own account." : isSuperAdmin ? "Revoke the super admin role before acting on this account." : null;

  return (
    <Card title="Actions">
      <Flex vertical gap={8}>
        {/* while a dialog is open its own copy of the message shows, above the mask */}
        {error && !suspendOpen && !deleteOpen && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} role="alert" />}
        {blocked && <Typography.Text type="secondary">{blocked}</Typography.Text>}
        {canImpersonate && (
          <Popconfirm
            title="View the portal as this customer?"
            description="Read-only, for 30 minutes. Your console session waits until you stop; the visit is audited."
            okText="View as customer"
            onConfirm={viewAsCustomer}
          >
            <Button icon={<EyeOutlined />} block loading={busy === "impersonate"}>
              View as customer
            </Button>
          </Popconfirm>
        )}
        {canSuspend && !blocked && user.status === "active" && (
          <Button
            danger
            icon={<StopOutlined />}
            block
            onClick={() => {
              setError(null);
              setSuspendOpen(true);
            }}
          >
            Suspend…
          </Button>
        )}
        {canSuspend && !blocked && user.status === "suspended" && (
          <Popconfirm title="Reactivate this account?" description="The user can sign in again." okText="Reactivate" onConfirm={() => act("reactivate", () => http.post(`/admin/users/${user.id}/reactivate`), `${user.name} can sign in again.`)}>
            <Button icon={<PlayCircleOutlined />} block loading={busy === "reactivate"}>
              Reactivate
            </Button>
          </Popconfirm>
        )}
        {canSuspend && !blocked && (
          <Popconfirm
            title="Send a password reset link?"
            description={`${user.email} gets a link valid for one hour; every session of the user ends now.`}
            okText="Send link"
            onConfirm={() => act("reset", () => http.post(`/admin/users/${user.id}/reset-password`), `Reset link sent to ${user.email}.`)}
          >
            <Button icon={<KeyOutlined />} block loading={busy === "reset"}>
              Reset password
            </Button>
          </Popconfirm>
        )}
        {canDelete && !blocked && (
          <Button
            danger
            type="primary"
            icon={<DeleteOutlined />}
            block
            onClick={() => {
              setError(null);
              setDeleteOpen(true);
            }}
          >
            Delete account…
          </Button>
        )}
      </Flex>

      <Modal
        open={suspendOpen}
        title={`Suspend ${user.name}?`}
        okText="Suspend"
        okButtonProps={{ danger: true, loading: busy === "suspend" }}
        onOk={suspend}
        onCancel={() => {
          setSuspendOpen(false);
          setError(null);
        }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Typography.Paragraph>Every session of this user ends at once, and signing in is refused until the account is reactivated.</Typography.Paragraph>
        <Form form={suspendForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="Reason (kept in the audit trail)" rules={[{ required: true, min: 3, message: "Say why (at least 3 characters)" }]}>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="suspend-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={deleteOpen}
        title="Delete this account?"
        okText="Delete permanently"
        okButtonProps={{ danger: true, disabled: !confirmed, loading: busy === "delete" }}
        onOk={erase}
        onCancel={() => {
          setDeleteOpen(false);
          setConfirmText("");
          setError(null);
        }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Typography.Paragraph>
          The name, e-mail and the content of projects, snippets, intakes and tickets are erased and cannot be brought back. Invoices are kept for the books. The user is signed out everywhere.
        </Typography.Paragraph>
        <Typography.Paragraph>
          Type <Typography.Text code>{user.email}</Typography.Text> to confirm.
        </Typography.Paragraph>
        <Input
          value={confirmText}
          onChange={(e) => setConfirmText(e.target.value)}
          onPressEnter={() => void erase()}
          aria-label="Type the e-mail to confirm"
          autoComplete="off"
          autoFocus
        />
      </Modal>
    </Card>
  );
}
