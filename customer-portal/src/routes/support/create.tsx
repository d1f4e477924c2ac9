import { useState } from 'react';
import { Alert, App, Form, Input, Select, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { Create } from '@refinedev/antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { applyServerErrors } from '../../lib/form-errors';
import { http, type ApiError } from '../../providers/http';
import { ticketKeys, type PortalTicket } from './support-types';
import { backIcon } from '../../components/back-icon';

interface NewTicket {
  subject: string;
  description: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  errorId?: string;
}

/** A new ticket; `?errorId=…&subject=…` (links from error screens) fill the form in. */
export default function SupportTicketCreate() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewTicket>();
  const [formError, setFormError] = useState<string | null>(null);
  const { message } = App.useApp();
  const errorId = params.get('errorId')?.slice(0, 100) ?? '';

  const create = useMutation<PortalTicket, ApiError, NewTicket>({
    mutationFn: async (body) => (await http.post<PortalTicket>('/support/tickets', { ...body, errorId: body.errorId?.trim() || null })).data,
    onSuccess: async (ticket) => {
      void message.success(`Ticket ${ticket.number} submitted`);
      await queryClient.invalidateQueries({ queryKey: ticketKeys.list });
      navigate(`/support/${ticket.id}`);
    },
    onError: (e) => setFormError(applyServerErrors(form, e)),
  });

  return (
    <Create goBack={backIcon} title="New support ticket" saveButtonProps={{ onClick: () => form.submit(), loading: create.isPending, icon: <SendOutlined />, children: 'Submit ticket' }}>
      <Form<NewTicket>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ subject: params.get('subject')?.slice(0, 200) ?? '', description: '', priority: 'normal', errorId }}
        onFinish={(values) => {
          setFormError(null);
          create.mutate(values);
        }}
      >
        {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
        {errorId && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={<>This ticket will quote error <Typography.Text code>{errorId}</Typography.Text>, so our team can find what went wrong.</>} />
        )}
        <Form.Item name="subject" label="Subject" rules={[{ required: true, whitespace: true, message: 'Please enter a subject' }, { min: 3, message: 'At least 3 characters' }]}>
          <Input maxLength={200} placeholder="What do you need help with?" />
        </Form.Item>
        <Form.Item name="description" label="Description" rules={[{ required: true, whitespace: true, message: 'Please describe the problem' }]}>
          <Input.TextArea rows={6} maxLength={10000} placeholder="What happened, what you expected, and any steps to reproduce it" />
        </Form.Item>
        <Form.Item name="priority" label="Priority">
          <Select
            style={{ maxWidth: 240 }}
            options={[
              { value: 'low', label: 'Low — a question' },
              { value: 'normal', label: 'Normal' },
              { value: 'high', label: 'High — work is blocked' },
              { value: 'urgent', label: 'Urgent — production is down' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="errorId"
          label="Error id (optional)"
          extra="Shown on error messages; quoting it helps us find the problem."
          rules={[{ pattern: /^\s*[A-Za-z0-9._:-]*\s*$/, message: 'Letters, digits and . _ : - only' }]}
        >
          <Input maxLength={100} style={{ maxWidth: 360 }} />
        </Form.Item>
      </Form>
    </Create>
  );
}
