import { Alert, Flex, List, Modal, Tag, Typography } from "antd";
import { roleLabel } from "../../lib/roles";
import type { Permission } from "../../lib/types";

interface RoleChangesModalProps {
  role: string | null;
  added: string[];
  removed: string[];
  permissions: Map<string, Permission>;
  saving: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirms a role's permission changes, listing exactly what is granted and what is taken away. */
export function RoleChangesModal({ role, added, removed, permissions, saving, error, onConfirm, onCancel }: RoleChangesModalProps) {
  const describe = (key: string) => permissions.get(key)?.description;
  const section = (title: string, keys: string[], color: string) =>
    keys.length > 0 && (
      <div>
        <Typography.Text strong>{title}</Typography.Text>
        <List
          size="small"
          dataSource={keys}
          renderItem={(key) => (
            <List.Item>
              <Flex vertical>
                <span>
                  <Tag color={color} bordered={false} style={{ fontFamily: "monospace" }}>
                    {key}
                  </Tag>
                </span>
                {describe(key) && <Typography.Text type="secondary">{describe(key)}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      </div>
    );

  return (
    <Modal
      open={role !== null}
      title={role ? `Save permissions of ${roleLabel(role)}?` : undefined}
      okText="Save changes"
      cancelText="Cancel"
      onOk={onConfirm}
      onCancel={onCancel}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          This changes what everyone with this role can do. The change is written to the audit trail.
        </Typography.Paragraph>
        {section(`Grant (${added.length})`, added, "green")}
        {section(`Remove (${removed.length})`, removed, "red")}
        {error && <Alert type="error" showIcon message="Could not save" description={error} role="alert" />}
      </Flex>
    </Modal>
  );
}
