import { useState } from "react";
import { App, Alert, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Result, Row, Select, Skeleton, Space, Switch, Tag, Typography, Input, Rate } from "antd";
import { CheckCircleOutlined, LockOutlined, SendOutlined } from "@ant-design/icons";
import { Show } from "@refinedev/antd";
import { useInvalidate } from "@refinedev/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { QueryError } from "../../components/query-error";
import { RecordBreadcrumb } from "../../components/record-breadcrumb";
import { RelativeTime } from "../../components/tags";
import { formatDateTime } from "../../lib/format";
import { listLinkWithFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import { http, toApiError, type ApiError } from "../../providers/http";
import { PriorityTag, SlaCountdown, TicketStatusTag, TierTag, priorityLabel, statusLabel } from "./ticket-tags";
import { PRIORITIES, STATUSES, type CannedResponse, type SupportAgent, type TicketDetail, type TicketMessage } from "./types";
import { backIcon } from "../../components/back-icon";

const flatContent = { variant: "borderless" as const, style: { background: "transparent", boxShadow: "none" }, styles: { body: { padding: 0 } } };

/** One bubble of the conversation; internal notes sit on yellow with a lock so nobody mistakes them for replies. */
function MessageBubble({ m }: { m: TicketMessage }) {
  const style = m.internal
    ? { background: "#fffbe6", border: "1px solid #ffe58f" }
    : m.authorKind === "customer"
      ? { background: "#ffffff", border: "1px solid #f0f0f0" }
      : { background: "#e6f4ff", border: "1px solid #bae0ff" };
  return (
    <div data-testid={m.internal ? "internal-note" : "message"} style={{ ...style, borderRadius: 8, padding: "10px 14px" }}>
      <Flex justify="space-between" gap={8} wrap="wrap" style={{ marginBottom: 4 }}>
        <Space size={6}>
          <Typography.Text strong>{m.authorKind === "system" ? "System" : m.authorName ?? "Deleted user"}</Typography.Text>
          {m.authorKind === "customer" && <Tag>Customer</Tag>}
          {m.authorKind === "agent" && !m.internal && <Tag color="blue">Reply</Tag>}
          {m.internal && (
            <Tag color="gold" icon={<LockOutlined />}>
              Internal note
            </Tag>
          )}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <RelativeTime value={m.createdAt} />
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{m.content}</Typography.Paragraph>
    </div>
  );
}

export default function SupportTicketShowPage() {
  const { id = "" } = useParams();
  const { message, modal } = App.useApp();
  const { can } = useCurrentUser();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const key = ["support-ticket", id];

  const ticketQuery = useQuery<TicketDetail, ApiError>({
    queryKey: key,
    queryFn: async () => (await http.get<TicketDetail>(`/admin/support/tickets/${id}`)).data,
    // customers reply while the page is open: keep the conversation current
    refetchInterval: 30_000,
  });
  const canned = useQuery<CannedResponse[], ApiError>({
    queryKey: ["support-ticket-canned", id],
    queryFn: async () => (await http.get<CannedResponse[]>(`/admin/support/tickets/${id}/canned-responses`)).data,
    enabled: can("tickets.reply"),
  });
  const agents = useQuery<SupportAgent[], ApiError>({
    queryKey: ["support-agents"],
    queryFn: async () => (await http.get<SupportAgent[]>(`/admin/support/agents`)).data,
  });

  const [draft, setDraft] = useState("");
  const [internal, setInternal] = useState(false);
  const [replyError, setReplyError] = useState<string | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    await invalidate({ resource: "support/tickets", invalidates: ["list"] });
  };
  const act = useMutation<unknown, ApiError, { path: string; method?: "post" | "patch"; body?: unknown; done: string }>({
    mutationFn: async ({ path, method = "post", body }) => {
      try {
        return (await http[method](`/admin/support/tickets/${id}${path}`, body ?? {})).data;
      } catch (e) {
        throw toApiError(e);
      }
    },
    onSuccess: async (_d, v) => {
      message.success(v.done);
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const reply = useMutation<unknown, ApiError, { content: string; internal: boolean }>({
    mutationFn: async (body) => {
      try {
        return (await http.post(`/admin/support/tickets/${id}/messages`, body)).data;
      } catch (e) {
        throw toApiError(e);
      }
    },
    onSuccess: async (_d, v) => {
      setDraft("");
      setReplyError(null);
      message.success(v.internal ? "Internal note added" : "Reply sent to the customer");
      await refresh();
    },
    onError: (e) => setReplyError(e.errors?.content?.[0] ?? e.message),
  });

  const ticket = ticketQuery.data;
  if (ticketQuery.isError && !ticket) {
    if (ticketQuery.error?.statusCode === 404) {
      return (
        <Result status="404" title="Ticket not found" extra={<Link to="/support-tickets"><Button type="primary">Back to the queue</Button></Link>} />
      );
    }
    return (
      <Show goBack={backIcon} title="Ticket" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <QueryError error={ticketQuery.error} onRetry={() => ticketQuery.refetch()} title="Could not load this ticket" />
      </Show>
    );
  }
  if (!ticket) {
    return (
      <Show goBack={backIcon} title="Ticket" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Show>
    );
  }

  const manage = can("tickets.manage");
  const closed = ticket.status === "closed";
  const busy = act.isPending;

  // Resolving or closing e-mails the customer, and a closed ticket takes no more replies: ask first, as the Resolve button does.
  const changeStatus = (status: TicketDetail["status"]) => {
    const vars = { path: "", method: "patch" as const, body: { status }, done: `Status: ${statusLabel(status)}` };
    if (status !== "resolved" && status !== "closed") return act.mutate(vars);
    modal.confirm({
      title: status === "closed" ? `Close ${ticket.number}?` : `Resolve ${ticket.number}?`,
      content:
        status === "closed"
          ? "The customer is e-mailed and can no longer reply to this ticket (they would open a new one). Agents can still add internal notes."
          : "The customer is e-mailed and can rate the help.",
      okText: status === "closed" ? "Close ticket" : "Resolve",
      okButtonProps: { danger: status === "closed" },
      onOk: () => act.mutateAsync(vars).catch(() => undefined),
    });
  };

  return (
    <Show
      goBack={backIcon}
      title={`${ticket.number} · ${ticket.subject}`}
      breadcrumb={<RecordBreadcrumb name={ticket.subject} />}
      isLoading={false}
      contentProps={flatContent}
      headerButtons={
        <Space>
          <Link to="/support-tickets">
            <Button>Back to the queue</Button>
          </Link>
          {manage && ticket.status !== "resolved" && !closed && (
            <Popconfirm title="Resolve this ticket?" description="The customer is e-mailed and can rate the help." okText="Resolve" onConfirm={() => act.mutate({ path: "/resolve", done: "Ticket resolved" })}>
              <Button type="primary" icon={<CheckCircleOutlined />} loading={busy}>
                Resolve
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title="Conversation" extra={<SlaCountdown ticket={ticket} />}>
              <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="conversation">
                <div style={{ background: "#fff", border: "1px solid #f0f0f0", borderRadius: 8, padding: "10px 14px" }}>
                  <Flex justify="space-between" gap={8} wrap="wrap" style={{ marginBottom: 4 }}>
                    <Space size={6} wrap>
                      <Typography.Text strong>{ticket.customerName ?? "Customer"}</Typography.Text>
                      <Tag>Opened the ticket</Tag>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(ticket.createdAt)}
                    </Typography.Text>
                  </Flex>
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{ticket.description}</Typography.Paragraph>
                </div>
                {ticket.messages.map((m) => (
                  <MessageBubble key={m.id} m={m} />
                ))}
                {ticket.messages.length === 0 && <Typography.Text type="secondary">No replies yet.</Typography.Text>}
              </Space>
            </Card>

            {can("tickets.reply") && (
              <Card title={internal ? "Add an internal note" : "Reply to the customer"} style={internal ? { background: "#fffbe6", borderColor: "#ffe58f" } : undefined}>
                <Space direction="vertical" style={{ width: "100%" }}>
                  <Flex gap={12} wrap="wrap" align="center">
                    <Select<string>
                      aria-label="Insert a canned response"
                      placeholder="Insert a canned response…"
                      style={{ minWidth: 280 }}
                      loading={canned.isLoading}
                      value={null as unknown as string}
                      notFoundContent={canned.isError ? "Could not load canned responses" : "No canned responses yet"}
                      options={(canned.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
                      onChange={(cid) => {
                        const c = canned.data?.find((x) => x.id === cid);
                        if (c?.rendered) setDraft((d) => (d.trim() ? `${d.trimEnd()}\n\n${c.rendered}` : c.rendered!));
                      }}
                    />
                    <Space>
                      <Switch aria-label="Internal note" checked={internal} onChange={setInternal} />
                      <span>
                        <LockOutlined /> Internal note (only agents see it)
                      </span>
                    </Space>
                  </Flex>
                  <Input.TextArea
                    aria-label="Message"
                    rows={6}
                    value={draft}
                    status={replyError ? "error" : undefined}
                    placeholder={internal ? "A note for the team; the customer never sees it" : "Write your reply to the customer"}
                    onChange={(e) => setDraft(e.target.value)}
                  />
                  {replyError && <Typography.Text type="danger">{replyError}</Typography.Text>}
                  {closed && !internal && <Alert type="info" showIcon message="This ticket is closed: only internal notes can be added." />}
                  <Flex justify="end">
                    <Button type="primary" icon={internal ? <LockOutlined /> : <SendOutlined />} loading={reply.isPending} disabled={!draft.trim() || (closed && !internal)} onClick={() => reply.mutate({ content: draft, internal })}>
                      {internal ? "Add note" : "Send reply"}
                    </Button>
                  </Flex>
                </Space>
              </Card>
            )}
          </Space>
        </Col>

        <Col xs={24} xl={8}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title="Ticket">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="Status">
                  {manage ? (
                    <Select
                      aria-label="Status"
                      size="small"
                      style={{ width: 200 }}
                      value={ticket.status}
                      disabled={busy}
                      options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
                      onChange={changeStatus}
                    />
                  ) : (
                    <TicketStatusTag status={ticket.status} />
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="Priority">
                  {manage ? (
                    <Select
                      aria-label="Priority"
                      size="small"
                      style={{ width: 200 }}
                      value={ticket.priority}
                      disabled={busy}
                      options={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
                      onChange={(priority) => act.mutate({ path: "", method: "patch", body: { priority }, done: `Priority: ${priorityLabel(priority)}` })}
                    />
                  ) : (
                    <PriorityTag priority={ticket.priority} />
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="Assignee">
                  {manage ? (
                    <Select
                      aria-label="Assignee"
                      size="small"
                      style={{ width: 200 }}
                      value={ticket.assigneeId ?? "none"}
                      disabled={busy}
                      loading={agents.isLoading}
                      options={[{ value: "none", label: "Unassigned" }, ...(agents.data ?? []).map((a) => ({ value: a.userId, label: `${a.name} (${a.openTickets} open)` }))]}
                      onChange={(v) => act.mutate({ path: "/assign", body: { assigneeId: v === "none" ? null : v }, done: "Assignee changed" })}
                    />
                  ) : (
                    ticket.assigneeName ?? "Unassigned"
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="First response due">
                  {ticket.firstRespondedAt ? `Answered ${formatDateTime(ticket.firstRespondedAt)}` : formatDateTime(ticket.firstResponseDueAt)}
                </Descriptions.Item>
                <Descriptions.Item label="Resolution due">{ticket.resolvedAt ? `Resolved ${formatDateTime(ticket.resolvedAt)}` : formatDateTime(ticket.resolutionDueAt)}</Descriptions.Item>
                {ticket.slaBreached && (
                  <Descriptions.Item label="SLA">
                    <Tag color="red">Breached{ticket.escalatedAt ? ` · escalated ${formatDateTime(ticket.escalatedAt)}` : ""}</Tag>
                  </Descriptions.Item>
                )}
                {ticket.errorId && (
                  <Descriptions.Item label="Error reference">
                    <Link to={`/errors?q=${encodeURIComponent(ticket.errorId)}`}>
                      <Typography.Text code>{ticket.errorId}</Typography.Text>
                    </Link>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="Opened">{formatDateTime(ticket.createdAt)}</Descriptions.Item>
                {ticket.rating && (
                  <Descriptions.Item label="Rating">
                    <Space direction="vertical" size={0}>
                      <Rate disabled value={ticket.rating.score} />
                      {ticket.rating.comment && <Typography.Text italic>“{ticket.rating.comment}”</Typography.Text>}
                    </Space>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>

            <Card title="Customer">
              {ticket.customer ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="Name">
                    <Link to={`/users/${ticket.customer.id}`}>{ticket.customer.name}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label="E-mail">
                    <Typography.Text copyable>{ticket.customer.email}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label="Tier">
                    <Space>
                      <TierTag tier={ticket.customer.tier} />
                      {ticket.customer.prioritySupport && <Tag color="magenta">Priority support</Tag>}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label="Tickets">
                    <Link to={listLinkWithFilters("/support-tickets", [{ field: "customerId", value: ticket.customer.id }])}>
                      {ticket.customer.ticketCount === 1 ? "1 ticket" : `${ticket.customer.ticketCount} tickets`}
                    </Link>
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                <Empty description="The customer's account no longer exists" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
    </Show>
  );
}
