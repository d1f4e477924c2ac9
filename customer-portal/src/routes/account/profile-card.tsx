import { useEffect, useState } from 'react';
import { useCustomMutation, useInvalidateAuthStore, type HttpError } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Form, Input, Tooltip } from 'antd';
import type { User } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { applyServerErrors } from '../../lib/form-errors';

type Values = { name: string };

/** Name (editable, PATCH /api/auth/me), e-mail (read-only) and membership date. */
export function ProfileCard({ user }: { user: User }) {
  const [form] = Form.useForm<Values>();
  const [message, setMessage] = useState<string | null>(null);
  const invalidateAuth = useInvalidateAuthStore();
  const { mutate, mutation } = useCustomMutation<{ user: User }, HttpError, Values>();

  useEffect(() => form.setFieldsValue({ name: user.name }), [form, user.name]);

  const save = ({ name }: Values) => {
    setMessage(null);
    mutate(
      {
        url: '/auth/me',
        method: 'patch',
        values: { name: name.trim() },
        successNotification: () => ({ type: 'success', message: 'Profile saved' }),
        errorNotification: false,
      },
      {
        // The header shows the name from the identity query.
        onSuccess: () => void invalidateAuth(),
        onError: (error) => setMessage(applyServerErrors(form, error)),
      },
    );
  };

  return (
    <Card title="Profile">
      {message && <Alert type="error" showIcon role="alert" message={message} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="profile" layout="vertical" initialValues={{ name: user.name }} onFinish={save} requiredMark={false}>
        <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter your name' }, { max: 120, message: 'Use at most 120 characters' }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="E-mail">
            <Tooltip title="Contact support to change the e-mail address of your account.">
              <span>{user.email}</span>
            </Tooltip>
          </Descriptions.Item>
          <Descriptions.Item label="Member since">{formatDate(user.createdAt)}</Descriptions.Item>
        </Descriptions>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          Save profile
        </Button>
      </Form>
    </Card>
  );
}
