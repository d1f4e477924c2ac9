import { useEffect, useState } from "react";
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Skeleton, Space, Switch, Table, Tabs, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { List } from "@refinedev/antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryError } from "../../components/query-error";
import { formatDateTime } from "../../lib/format";
import { applyFieldErrors } from "../../lib/form-errors";
import { useCurrentUser } from "../../lib/use-current-user";
import { http, toApiError, type ApiError } from "../../providers/http";
import { priorityLabel } from "./ticket-tags";
import type { CannedResponse, SlaPolicy, SupportAgent } from "./types";

const call = async <T,>(fn: () => Promise<{ data: T }>): Promise<T> => {
  try {
    return (await fn()).data;
  } catch (e) {
    throw toApiError(e);
  }
};

function minutesText(m: number): string {
  if (m % 1440 === 0) return `${m / 1440} day${m === 1440 ? "" : "s"}`;
  if (m % 60 === 0) return `${m / 60} hour${m === 60 ? "" : "s"}`;
  return `${m} min`;
}

function CannedResponsesTab({ manage }: { manage: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery<CannedResponse[], ApiError>({ queryKey: ["canned-responses"], queryFn: () => call(() => http.get("/admin/support/canned-responses")) });
  const placeholders = useQuery<{ token: string; description: string }[], ApiError>({ queryKey: ["canned-placeholders"], queryFn: () => call(() => http.get("/admin/support/canned-responses/placeholders")) });
  const [editing, setEditing] = useState<CannedResponse | "new" | null>(null);
  const [form] = Form.useForm<{ title: string; content: string }>();

  useEffect(() => {
    if (editing) form.setFieldsValue(editing === "new" ? { title: "", content: "" } : { title: editing.title, content: editing.content });
  }, [editing, form]);

  const save = useMutation<unknown, ApiError, { title: string; content: string }>({
    mutationFn: (body) => call(() => (editing === "new" || !editing ? http.post("/admin/support/canned-responses", body) : http.patch(`/admin/support/canned-responses/${editing.id}`, body))),
    onSuccess: async () => {
      message.success("Canned response saved");
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ["canned-responses"] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });
  const remove = useMutation<unknown, ApiError, string>({
    mutationFn: (id) => call(() => http.delete(`/admin/support/canned-responses/${id}`)),
    onSuccess: async () => {
      message.success("Canned response deleted");
      await qc.invalidateQueries({ queryKey: ["canned-responses"] });
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <Card
      title="Canned responses"
      extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>New response</Button>}
    >
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      {list.isLoading ? (
        <Skeleton active />
      ) : (
        <Table<CannedResponse>
          scroll={{ x: 640 }}
          rowKey="id"
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No canned responses yet" /> }}
          columns={[
            { title: "Title", dataIndex: "title", width: 220, render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
            { title: "Text", dataIndex: "content", render: (c: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c }} style={{ marginBottom: 0 }}>{c}</Typography.Paragraph> },
            { title: "Updated", dataIndex: "updatedAt", width: 180, render: (v: string) => formatDateTime(v) },
            ...(manage
              ? [
                  {
                    title: "",
                    key: "actions",
                    width: 110,
                    render: (_: unknown, c: CannedResponse) => (
                      <Space>
                        <Button size="small" aria-label={`Edit ${c.title}`} icon={<EditOutlined />} onClick={() => setEditing(c)} />
                        <Popconfirm title={`Delete "${c.title}"?`} description="Agents can no longer insert it; replies already sent keep their text." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(c.id)}>
                          <Button size="small" danger aria-label={`Delete ${c.title}`} icon={<DeleteOutlined />} />
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={!!editing}
        title={editing === "new" ? "New canned response" : "Edit canned response"}
        okText="Save"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label="Title" rules={[{ required: true, message: "A title is required" }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="content" label="Text" rules={[{ required: true, message: "The text is required" }]}>
            <Input.TextArea rows={7} />
          </Form.Item>
          <Typography.Text type="secondary">Placeholders, filled in for each ticket: </Typography.Text>
          <Flex gap={4} wrap="wrap" style={{ marginTop: 4 }}>
            {(placeholders.data ?? []).map((p) => (
              <Tag key={p.token} title={p.description} style={{ cursor: "pointer" }} onClick={() => form.setFieldValue("content", `${form.getFieldValue("content") ?? ""}${p.token}`)}>
                {p.token}
              </Tag>
            ))}
          </Flex>
        </Form>
      </Modal>
    </Card>
  );
}

type SlaField = "firstResponseMinutes" | "resolutionMinutes";
type SlaDrafts = Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>;

/** The server names a row's field "high.resolutionMinutes" or, for a schema error, "policies.0.resolutionMinutes" (the index into what was sent). */
function slaFieldErrors(errors: Record<string, string[]>, sent: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const indexed = /^policies\.(\d+)\.(\w+)$/.exec(key);
    const name = indexed ? `${sent[Number(indexed[1])]}.${indexed[2]}` : key;
    out[name] = [...(out[name] ?? []), ...messages];
  }
  return out;
}

function SlaTab({ manage }: { manage: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery<SlaPolicy[], ApiError>({ queryKey: ["sla-policies"], queryFn: () => call(() => http.get("/admin/support/sla-policies")) });
  const [drafts, setDrafts] = useState<SlaDrafts>({});
  // field errors, keyed "<priority>.<field>", shown under the field they are about
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const save = useMutation<SlaPolicy[], ApiError, SlaDrafts>({
    mutationFn: (changes) => call(() => http.patch("/admin/support/sla-policies", { policies: Object.entries(changes).map(([priority, v]) => ({ priority, ...v })) })),
    onSuccess: async () => {
      message.success("SLA targets saved; new tickets use them");
      setDrafts({});
      setErrors({});
      await qc.invalidateQueries({ queryKey: ["sla-policies"] });
    },
    onError: (e, changes) => {
      const fields = e.errors ? slaFieldErrors(e.errors, Object.keys(changes)) : {};
      const known = Object.keys(fields).filter((name) => /^\w+\.(firstResponseMinutes|resolutionMinutes)$/.test(name) && name.split(".")[0] in changes);
      if (known.length) setErrors(Object.fromEntries(known.map((name) => [name, fields[name]])));
      else message.error(e.message);
    },
  });
  const value = (p: SlaPolicy) => drafts[p.priority] ?? { firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes };
  const set = (p: SlaPolicy, field: SlaField, v: number | null) => {
    if (!v) return;
    setDrafts((d) => ({ ...d, [p.priority]: { ...value(p), [field]: v } }));
    // a row's two targets are checked against each other: editing either clears both messages
    setErrors(({ [`${p.priority}.firstResponseMinutes`]: _first, [`${p.priority}.resolutionMinutes`]: _resolution, ...rest }) => rest);
  };
  const dirty = Object.keys(drafts).length > 0;
  const submit = () => {
    const invalid = Object.entries(drafts).filter(([, v]) => v.resolutionMinutes < v.firstResponseMinutes);
    if (invalid.length) {
      setErrors(Object.fromEntries(invalid.map(([priority]) => [`${priority}.resolutionMinutes`, ["Resolution cannot be due before the first response"]])));
      return;
    }
    save.mutate(drafts);
  };
  const minutesField = (p: SlaPolicy, field: SlaField, label: string) => {
    const fieldErrors = errors[`${p.priority}.${field}`];
    return (
      <Form.Item validateStatus={fieldErrors ? "error" : undefined} help={fieldErrors?.join(" ")} style={{ marginBottom: 0 }}>
        <Space>
          <InputNumber aria-label={`${p.priority} ${label} minutes`} min={1} max={129600} precision={0} disabled={!manage} value={value(p)[field]} onChange={(v) => set(p, field, v)} onPressEnter={() => dirty && !save.isPending && submit()} />
          <Typography.Text type="secondary">{minutesText(value(p)[field])}</Typography.Text>
        </Space>
      </Form.Item>
    );
  };

  return (
    <Card
      title="SLA targets per priority"
      extra={
        manage && (
          <Space>
            <Button
              disabled={!dirty}
              onClick={() => {
                setDrafts({});
                setErrors({});
              }}
            >
              Discard
            </Button>
            <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={submit}>Save targets</Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        Targets in minutes from when a ticket is opened. Professional and Enterprise customers (priority support) get half. A ticket past a target is flagged, raised one priority step and its assignee and the support admins are e-mailed.
      </Typography.Paragraph>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      {list.isLoading ? (
        <Skeleton active />
      ) : (
        <Table<SlaPolicy>
          scroll={{ x: "max-content" }}
          rowKey="priority"
          dataSource={list.data ?? []}
          pagination={false}
          columns={[
            { title: "Priority", dataIndex: "priority", render: (p: string) => priorityLabel(p) },
            { title: "First response (minutes)", key: "first", render: (_: unknown, p) => minutesField(p, "firstResponseMinutes", "first response") },
            { title: "Resolution (minutes)", key: "resolution", render: (_: unknown, p) => minutesField(p, "resolutionMinutes", "resolution") },
            { title: "With priority support", key: "ps", render: (_: unknown, p) => `${minutesText(p.prioritySupport.firstResponseMinutes)} / ${minutesText(p.prioritySupport.resolutionMinutes)}` },
          ]}
        />
      )}
    </Card>
  );
}

function AgentsTab({ manage }: { manage: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery<SupportAgent[], ApiError>({ queryKey: ["support-agents"], queryFn: () => call(() => http.get("/admin/support/agents")) });
  // bumped when a change is refused: the capacity fields start again from the saved values
  const [refusals, setRefusals] = useState(0);
  const update = useMutation<unknown, ApiError, { userId: string; active?: boolean; maxOpenTickets?: number }>({
    mutationFn: ({ userId, ...body }) => call(() => http.patch(`/admin/support/agents/${userId}`, body)),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["support-agents"] });
      message.success("Agent updated");
    },
    onError: (e) => {
      message.error(e.message);
      setRefusals((n) => n + 1);
    },
  });
  return (
    <Card title="Agents and capacity">
      <Typography.Paragraph type="secondary">New tickets go round-robin to agents in the rotation who hold fewer open tickets than their capacity; when none can take one, it waits unassigned.</Typography.Paragraph>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      {list.isLoading ? (
        <Skeleton active />
      ) : (
        <Table<SupportAgent>
          scroll={{ x: "max-content" }}
          rowKey="userId"
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No admins can reply to tickets" /> }}
          columns={[
            { title: "Agent", dataIndex: "name", render: (n: string, a) => <Space direction="vertical" size={0}><Typography.Text strong>{n}</Typography.Text><Typography.Text type="secondary">{a.email}</Typography.Text></Space> },
            { title: "In rotation", dataIndex: "active", render: (active: boolean, a) => <Switch aria-label={`${a.name} in rotation`} checked={active} disabled={!manage || update.isPending} onChange={(v) => update.mutate({ userId: a.userId, active: v })} /> },
            { title: "Open tickets", dataIndex: "openTickets" },
            {
              title: "Capacity",
              dataIndex: "maxOpenTickets",
              render: (max: number, a) => (
                <InputNumber key={`${max}-${refusals}`} aria-label={`${a.name} capacity`} min={0} max={1000} precision={0} disabled={!manage} defaultValue={max} onPressEnter={(e) => (e.target as HTMLInputElement).blur()} onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isInteger(v) && v !== max) update.mutate({ userId: a.userId, maxOpenTickets: v });
                }} />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Support settings: canned responses, SLA targets and who takes tickets. */
export default function SupportSettingsPage() {
  const { can } = useCurrentUser();
  const manage = can("tickets.manage");
  return (
    <List title="Support settings" breadcrumb={false}>
      <Tabs
        items={[
          { key: "canned", label: "Canned responses", children: <CannedResponsesTab manage={manage} /> },
          { key: "sla", label: "SLA policies", children: <SlaTab manage={manage} /> },
          { key: "agents", label: "Agents", children: <AgentsTab manage={manage} /> },
        ]}
      />
    </List>
  );
}
