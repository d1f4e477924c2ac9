import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useGo, useInvalidateAuthStore, useRegister } from '@refinedev/core';
import { AuthCard, InlineLink } from './auth-card';
import { applyServerErrors } from '../../lib/form-errors';
import { MIN_PASSWORD_LENGTH, type RegisterValues } from '../../providers/auth';

export default function RegisterPage() {
  const [form] = Form.useForm<RegisterValues>();
  const [message, setMessage] = useState<string | null>(null);
  const invalidateAuth = useInvalidateAuthStore();
  const go = useGo();

  const { mutate: register, isPending } = useRegister<RegisterValues>({
    mutationOptions: {
      onSuccess: async (result) => {
        if (!result.success) {
          setMessage(applyServerErrors(form, result.error, { email_taken: 'email' }));
          return;
        }
        await invalidateAuth();
        go({ to: result.redirectTo || '/projects', type: 'replace' });
      },
      onError: (error) => setMessage(applyServerErrors(form, error, { email_taken: 'email' })),
    },
  });

  return (
    <AuthCard title="Create your Socrates account" subtitle="Keep your code projects in one place and run AI analyses on them.">
      {message && <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} role="alert" />}
      <Form<RegisterValues>
        form={form}
        name="register"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setMessage(null);
          register({ ...values, name: values.name.trim(), email: values.email.trim() });
        }}
      >
        <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter your name' }, { max: 120, message: 'Use at most 120 characters' }]}>
          <Input autoComplete="name" placeholder="Ada Lovelace" autoFocus />
        </Form.Item>
        <Form.Item label="E-mail" name="email" rules={[{ required: true, type: 'email', message: 'Enter a valid e-mail address' }]}>
          <Input type="email" autoComplete="email" placeholder="you@example.com" />
        </Form.Item>
        <Form.Item
          label="Password"
          name="password"
          extra={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          rules={[
            { required: true, message: 'Choose a password' },
            { min: MIN_PASSWORD_LENGTH, message: `Use at least ${MIN_PASSWORD_LENGTH} characters` },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          Sign up
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        Already have an account? <InlineLink to="/login">Sign in</InlineLink>
      </Typography.Paragraph>
    </AuthCard>
  );
}
