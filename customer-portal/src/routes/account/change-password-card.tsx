import { useState } from 'react';
import { useCustomMutation, type HttpError } from '@refinedev/core';
import { Alert, Button, Card, Form, Input } from 'antd';
import { applyServerErrors } from '../../lib/form-errors';
import { MIN_PASSWORD_LENGTH } from '../../providers/auth';

/** The API's longest password. */
const MAX_PASSWORD_LENGTH = 200;

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** POST /api/auth/change-password; a wrong current password comes back as a field error under it. */
export function ChangePasswordCard() {
  const [form] = Form.useForm<Values>();
  const [message, setMessage] = useState<string | null>(null);
  const { mutate, mutation } = useCustomMutation<Record<string, never>, HttpError, Omit<Values, 'confirmPassword'>>();

  const submit = ({ currentPassword, newPassword }: Values) => {
    setMessage(null);
    mutate(
      {
        url: '/auth/change-password',
        method: 'post',
        values: { currentPassword, newPassword },
        successNotification: () => ({ type: 'success', message: 'Password changed; your other devices are signed out' }),
        errorNotification: false,
      },
      {
        onSuccess: () => form.resetFields(),
        onError: (error) => setMessage(applyServerErrors(form, error)),
      },
    );
  };

  return (
    <Card title="Change password">
      {message && <Alert type="error" showIcon role="alert" message={message} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="change-password" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="Current password" name="currentPassword" rules={[{ required: true, message: 'Enter your current password' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="New password"
          name="newPassword"
          extra={`At least ${MIN_PASSWORD_LENGTH} characters. Changing it signs you out on your other devices; this one stays signed in.`}
          rules={[
            { required: true, message: 'Choose a new password' },
            { min: MIN_PASSWORD_LENGTH, message: `Use at least ${MIN_PASSWORD_LENGTH} characters` },
            { max: MAX_PASSWORD_LENGTH, message: `Use at most ${MAX_PASSWORD_LENGTH} characters` },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Confirm password"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Repeat the new password' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('The passwords do not match')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          Change password
        </Button>
      </Form>
    </Card>
  );
}
