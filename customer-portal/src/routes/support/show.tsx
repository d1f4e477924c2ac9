import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Rate, Space, Tag, Tooltip, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { ListButton, Show } from '@refinedev/antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { NotFound } from '../../components/not-found';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { http, type ApiError } from '../../providers/http';
import { TicketStatusTag, ticketKeys, type PortalTicket, type PortalTicketMessage } from './support-types';
import { backIcon } from '../../components/back-icon';

function Bubble({ who, mine, at, children }: { who: string; mine: boolean; at: string; children: string }) {
  return (
    <div data-testid="ticket-message" style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '85%', background: mine ? '#f0f5ff' : '#f6ffed', border: `1px solid ${mine ? '#d6e4ff' : '#d9f7be'}`, borderRadius: 8, padding: '10px 14px' }}>
      <Flex justify="space-between" gap={8} wrap="wrap">
        <Typography.Text strong>{who}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(at)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{children}</Typography.Paragraph>
    </div>
  );
}

/** One ticket: the conversation, a reply box, and a rating once it is resolved. */
/**
 * A reply being written to this ticket, kept in this tab (sessionStorage) while the customer looks at other
 * pages, until it is sent or emptied. Only this ticket's owner can open it, so no one else sees the draft.
 */
function useReplyDraft(ticketId: string): [string, (text: string) => void] {
  const key = `socrates.portal.ticket-reply.${ticketId}`;
  const [draft, setDraftState] = useState(() => {
    try {
      return sessionStorage.getItem(key) ?? '';
    } catch {
      return ''; // storage disabled: the draft lives as long as the page
    }
  });
  const setDraft = (text: string) => {
    setDraftState(text);
    try {
      if (text) sessionStorage.setItem(key, text);
      else sessionStorage.removeItem(key);
    } catch {
      // storage full or disabled: the draft is a convenience
    }
  };
  return [draft, setDraft];
}

export default function SupportTicketShow() {
  const { id = '' } = useParams<{ id: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const ticket = useQuery<PortalTicket, ApiError>({ queryKey: ticketKeys.one(id), queryFn: async () => (await http.get<PortalTicket>(`/support/tickets/${id}`)).data, refetchInterval: 30_000 });
  const [draft, setDraft] = useReplyDraft(id);
  const [replyError, setReplyError] = useState<string | null>(null);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');

  const refresh = () => queryClient.invalidateQueries({ queryKey: ticketKeys.list });
  const reply = useMutation<PortalTicketMessage, ApiError, string>({
    mutationFn: async (content) => (await http.post<PortalTicketMessage>(`/support/tickets/${id}/messages`, { content })).data,
    onSuccess: async () => {
      setDraft('');
      setReplyError(null);
      await refresh();
    },
    onError: (e) => setReplyError(e.errors?.content?.[0] ?? e.message),
  });
  const rate = useMutation<PortalTicket, ApiError>({
    mutationFn: async () => (await http.post<PortalTicket>(`/support/tickets/${id}/rating`, { score, comment: comment.trim() || null })).data,
    onSuccess: async () => {
      void message.success('Thank you for your rating');
      await refresh();
    },
  });

  if (ticket.error?.statusCode === 404) return <NotFound title="Ticket not found" />;
  const t = ticket.data;

  return (
    <Show goBack={backIcon} title={t ? `${t.subject}` : 'Ticket'} isLoading={ticket.isPending && !ticket.isError} headerButtons={() => <ListButton resource="support">All tickets</ListButton>}>
      {ticket.isError && <QueryError error={ticket.error} onRetry={() => ticket.refetch()} title="Could not load the ticket" />}
      {t && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="Ticket">{t.number}</Descriptions.Item>
            <Descriptions.Item label="Status">
              <TicketStatusTag status={t.status} />
              {t.prioritySupport && (
                <Tooltip title="Your plan included priority support when you opened this ticket, so our team answers it first.">
                  <Tag color="magenta" data-testid="ticket-priority-support">
                    Priority support
                  </Tag>
                </Tooltip>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="Opened">{formatDateTime(t.createdAt)}</Descriptions.Item>
            {t.errorId && (
              <Descriptions.Item label="Error id">
                <Typography.Text code>{t.errorId}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>

          <Card title="Conversation">
            <Flex vertical gap={12} data-testid="conversation">
              <Bubble who="You" mine at={t.createdAt}>
                {t.description}
              </Bubble>
              {(t.messages ?? []).map((m) => (
                <Bubble key={m.id} who={m.author.kind === 'customer' ? 'You' : m.author.name} mine={m.author.kind === 'customer'} at={m.createdAt}>
                  {m.content}
                </Bubble>
              ))}
            </Flex>
          </Card>

          {t.status !== 'closed' ? (
            <Card title={t.status === 'resolved' ? 'Still need help? Reply to reopen the ticket' : 'Reply'}>
              <Form layout="vertical" onFinish={() => reply.mutate(draft)}>
                <Form.Item validateStatus={replyError ? 'error' : undefined} help={replyError ?? undefined}>
                  <Input.TextArea aria-label="Your reply" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Write a reply to our support team" />
                </Form.Item>
                <Button type="primary" htmlType="submit" icon={<SendOutlined />} disabled={!draft.trim()} loading={reply.isPending}>
                  Send reply
                </Button>
              </Form>
            </Card>
          ) : (
            <Alert type="info" showIcon message="This ticket is closed. Open a new ticket if you need more help." />
          )}

          {t.rating ? (
            <Card title="Your rating">
              <Rate disabled value={t.rating.score} />
              {t.rating.comment && <Typography.Paragraph style={{ marginTop: 8 }}>“{t.rating.comment}”</Typography.Paragraph>}
            </Card>
          ) : t.canRate ? (
            <Card title="How did we do?">
              <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }}>
                <Rate aria-label="Rating" value={score} onChange={setScore} />
                <Input.TextArea aria-label="Rating comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Anything you would like to tell us (optional)" />
                {rate.isError && <Alert type="error" showIcon message={rate.error.message} />}
                <Button type="primary" disabled={!score} loading={rate.isPending} onClick={() => rate.mutate()}>
                  Submit rating
                </Button>
              </Space>
            </Card>
          ) : null}
        </Space>
      )}
    </Show>
  );
}
