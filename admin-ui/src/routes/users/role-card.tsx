import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Typography } from "antd";
import { useInvalidate, useInvalidateAuthStore } from "@refinedev/core";
import { RoleTag } from "../../components/tags";
import { ADMIN_ROLES, roleLabel } from "../../lib/roles";
import { useCurrentUser } from "../../lib/use-current-user";
import type { SessionUser, UserDetail, UserRole } from "../../lib/types";
import { http, toApiError } from "../../providers/http";

const CUSTOMER = "customer";

const ROLE_OPTIONS = [
  ...ADMIN_ROLES.map((role) => ({ value: role as string, label: roleLabel(role) })),
  { value: CUSTOMER, label: "Customer (no console access)" },
];

/**
 * The user's admin role. Super admins (roles.manage) can change it through
 * PUT /api/admin/users/:id/admin-role; everyone else sees it read-only.
 */
export function RoleCard({ user }: { user: UserDetail }) {
  const { user: me, can } = useCurrentUser();
  const canManage = can("roles.manage");
  const [selected, setSelected] = useState<string>(user.role);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidate();
  const invalidateAuthStore = useInvalidateAuthStore();
  const { message } = App.useApp();

  useEffect(() => setSelected(user.role), [user.role]);

  const changed = selected !== user.role;
  const isSelf = me?.id === user.id;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await http.put<SessionUser>(`/admin/users/${encodeURIComponent(user.id)}/admin-role`, {
        role: selected === CUSTOMER ? null : selected,
      });
      message.success(`${user.name} is now ${selected === CUSTOMER ? "a customer" : roleLabel(selected)}.`);
      await invalidate({ resource: "users", invalidates: ["list", "detail"], id: user.id });
      if (isSelf) await invalidateAuthStore();
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError.errors?.role?.join(" ") ?? apiError.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="Role">
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary">Current role: </Typography.Text>
          <RoleTag role={user.role} />
        </div>
        {canManage ? (
          <>
            <Select
              aria-label="Admin role"
              value={selected}
              onChange={(value) => {
                setSelected(value);
                setError(null);
              }}
              options={ROLE_OPTIONS}
              disabled={saving}
              style={{ width: "100%" }}
            />
            {error && <Alert type="error" showIcon message={error} role="alert" />}
            <Popconfirm
              title={`Change ${user.name}'s role?`}
              description={
                <div style={{ maxWidth: 280 }}>
                  From <b>{roleLabel(user.role)}</b> to <b>{selected === CUSTOMER ? "Customer" : roleLabel(selected as UserRole)}</b>.
                  {selected === CUSTOMER && " They will lose access to the operations console."}
                  {isSelf && " This is your own account."}
                </div>
              }
              okText="Change role"
              cancelText="Cancel"
              onConfirm={save}
              disabled={!changed}
            >
              <Button type="primary" disabled={!changed} loading={saving}>
                Save role
              </Button>
            </Popconfirm>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Role changes are recorded in the audit trail.
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">Only super admins can change admin roles.</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
