import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Card, Checkbox, Flex, Grid, Skeleton, Space, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { InfoCircleOutlined, LockOutlined } from "@ant-design/icons";
import { List } from "@refinedev/antd";
import { useInvalidateAuthStore, useList, useWarnAboutChange } from "@refinedev/core";
import { QueryError } from "../../components/query-error";
import { roleLabel } from "../../lib/roles";
import { useCurrentUser } from "../../lib/use-current-user";
import type { Permission, Role } from "../../lib/types";
import { http, toApiError, type ApiError } from "../../providers/http";
import { RoleChangesModal } from "./role-changes-modal";

type MatrixRow =
  | { kind: "group"; key: string; group: string }
  | { kind: "permission"; key: string; permission: Permission };

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((key) => b.includes(key));

/** Roles × permissions: who may do what. Super admins (roles.manage) edit and save one role at a time. */
export default function RolesPage() {
  const { can } = useCurrentUser();
  const canManage = can("roles.manage");
  const { message } = App.useApp();
  // On a phone the permission column stays pinned but narrow, so the role columns scroll beside it.
  const narrow = Grid.useBreakpoint().md === false;
  // Saving a role may change the signed-in admin's own permissions (and so the menu).
  const invalidateAuthStore = useInvalidateAuthStore();

  const rolesList = useList<Role, ApiError>({ resource: "roles", pagination: { mode: "off" }, errorNotification: false });
  const permissionsList = useList<Permission, ApiError>({
    resource: "permissions",
    pagination: { mode: "off" },
    errorNotification: false,
  });
  const roles = rolesList.result.data;
  const permissions = permissionsList.result.data;

  // Unsaved edits per role; a role without an entry shows what the server has.
  const [drafts, setDrafts] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const permissionByKey = useMemo(() => new Map(permissions.map((p) => [p.key, p])), [permissions]);

  const rows: MatrixRow[] = useMemo(() => {
    const groups = new Map<string, Permission[]>();
    for (const permission of permissions) {
      const group = permission.group || "Other";
      groups.set(group, [...(groups.get(group) ?? []), permission]);
    }
    return [...groups.entries()].flatMap(([group, items]) => [
      { kind: "group" as const, key: `group:${group}`, group },
      ...items.map((permission) => ({ kind: "permission" as const, key: permission.key, permission })),
    ]);
  }, [permissions]);

  const current = (role: Role) => drafts[role.name] ?? role.permissions;
  const isDirty = (role: Role) => drafts[role.name] !== undefined && !sameSet(drafts[role.name], role.permissions);
  const editable = (role: Role) => canManage && role.editable;

  const toggle = (role: Role, key: string, checked: boolean) => {
    const next = checked ? [...current(role), key] : current(role).filter((k) => k !== key);
    setDrafts((prev) => ({ ...prev, [role.name]: next }));
  };
  const reset = (role: Role) =>
    setDrafts((prev) => {
      const { [role.name]: _dropped, ...rest } = prev;
      return rest;
    });

  const dirtyRoles = roles.filter((role) => editable(role) && isDirty(role));
  const addedTo = (role: Role) => current(role).filter((k) => !role.permissions.includes(k));
  const removedFrom = (role: Role) => role.permissions.filter((k) => !current(role).includes(k));
  const changeSummary = (role: Role) =>
    [
      addedTo(role).length && `${addedTo(role).length} to grant`,
      removedFrom(role).length && `${removedFrom(role).length} to remove`,
    ]
      .filter(Boolean)
      .join(", ");

  // Leaving the page with unsaved edits asks first (Refine's UnsavedChangesNotifier).
  const { setWarnWhen } = useWarnAboutChange();
  const hasUnsaved = dirtyRoles.length > 0;
  useEffect(() => {
    setWarnWhen(hasUnsaved);
    return () => setWarnWhen(false);
  }, [hasUnsaved, setWarnWhen]);

  const confirmingRole = roles.find((role) => role.name === confirming);
  const added = confirmingRole ? addedTo(confirmingRole) : [];
  const removed = confirmingRole ? removedFrom(confirmingRole) : [];

  const save = async () => {
    if (!confirmingRole) return;
    setSaving(true);
    setSaveError(null);
    try {
      await http.patch<Role>(`/admin/roles/${encodeURIComponent(confirmingRole.name)}`, {
        permissions: current(confirmingRole),
      });
      await Promise.all([rolesList.query.refetch(), invalidateAuthStore()]);
      reset(confirmingRole);
      setConfirming(null);
      message.success(`Saved the permissions of ${roleLabel(confirmingRole.name)}.`);
    } catch (err) {
      const apiError = toApiError(err);
      const fieldMessages = apiError.errors ? Object.values(apiError.errors).flat() : [];
      setSaveError([apiError.message, ...fieldMessages].join(" "));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: "Permission",
      key: "permission",
      fixed: "left",
      width: narrow ? 170 : 300,
      render: (_, row) =>
        row.kind === "group" ? (
          <Typography.Text strong style={{ textTransform: "capitalize" }}>
            {row.group}
          </Typography.Text>
        ) : (
          <Flex vertical>
            <Typography.Text code>{row.permission.key}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.permission.description}
            </Typography.Text>
          </Flex>
        ),
    },
    ...roles.map(
      (role, index): TableColumnsType<MatrixRow>[number] => ({
        key: role.name,
        align: "center",
        width: narrow ? 110 : 150,
        title: (
          <Flex vertical align="center" gap={4}>
            <Space size={4}>
              <span>{roleLabel(role.name)}</span>
              {role.description && (
                <Tooltip title={role.description}>
                  <InfoCircleOutlined aria-label={`About ${roleLabel(role.name)}`} />
                </Tooltip>
              )}
              {!role.editable && (
                <Tooltip title="This role cannot be changed">
                  <LockOutlined aria-label="Not editable" />
                </Tooltip>
              )}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: "normal" }}>
              {role.memberCount} member{role.memberCount === 1 ? "" : "s"}
            </Typography.Text>
          </Flex>
        ),
        // A group's row is its name, pinned with the permissions, and one cell across the roles.
        onCell: (row) => (row.kind === "group" ? { colSpan: index === 0 ? roles.length : 0 } : {}),
        render: (_, row) =>
          row.kind === "permission" ? (
            <Checkbox
              checked={current(role).includes(row.permission.key)}
              disabled={!editable(role) || saving}
              onChange={(event) => toggle(role, row.permission.key, event.target.checked)}
              aria-label={`${roleLabel(role.name)}: ${row.permission.key}`}
            />
          ) : null,
      }),
    ),
  ];

  const loading = (rolesList.query.isLoading || permissionsList.query.isLoading) && !(roles.length && permissions.length);
  const failed = rolesList.query.isError ? rolesList.query : permissionsList.query.isError ? permissionsList.query : null;

  return (
    <List title="Settings · Roles and permissions">
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {!canManage && (
          <Alert
            type="info"
            showIcon
            message="Read-only"
            description="You can see which permissions each role has. Only super admins can change them."
          />
        )}
        {failed && (
          <QueryError
            error={failed.error}
            onRetry={() => {
              rolesList.query.refetch();
              permissionsList.query.refetch();
            }}
            title="Could not load roles and permissions"
          />
        )}
        {dirtyRoles.length > 0 && (
          <Alert
            type="warning"
            showIcon
            message="Unsaved changes"
            description={
              <Flex vertical gap={8} style={{ marginTop: 4 }}>
                {dirtyRoles.map((role) => (
                  <Flex key={role.name} align="center" gap={8} wrap="wrap">
                    <Typography.Text strong style={{ minWidth: 130 }}>
                      {roleLabel(role.name)}
                    </Typography.Text>
                    <Typography.Text type="secondary">{changeSummary(role)}</Typography.Text>
                    <Space size={4}>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => {
                          setSaveError(null);
                          setConfirming(role.name);
                        }}
                        aria-label={`Save ${roleLabel(role.name)}`}
                      >
                        Save…
                      </Button>
                      <Button size="small" onClick={() => reset(role)} aria-label={`Discard changes to ${roleLabel(role.name)}`}>
                        Discard
                      </Button>
                    </Space>
                  </Flex>
                ))}
              </Flex>
            }
          />
        )}
        <Card styles={narrow ? { body: { padding: 8 } } : undefined}>
          {loading ? (
            <Skeleton active paragraph={{ rows: 10 }} />
          ) : (
            <Table<MatrixRow>
              rowKey="key"
              size="middle"
              bordered
              pagination={false}
              columns={columns}
              dataSource={rows}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: failed ? "Nothing to show" : "No permissions are defined" }}
            />
          )}
        </Card>
      </Space>
      <RoleChangesModal
        role={confirming}
        added={added}
        removed={removed}
        permissions={permissionByKey}
        saving={saving}
        error={saveError}
        onConfirm={save}
        onCancel={() => setConfirming(null)}
      />
    </List>
  );
}
