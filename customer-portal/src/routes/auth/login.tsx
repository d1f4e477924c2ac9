import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useGo, useInvalidateAuthStore, useLogin, useParsed } from '@refinedev/core';
import { Link } from 'react-router';
import { AuthCard, InlineLink } from './auth-card';
import { applyServerErrors } from '../../lib/form-errors';
import type { LoginValues } from '../../providers/auth';

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const [message, setMessage] = useState<string | null>(null);
  const invalidateAuth = useInvalidateAuthStore();
  const go = useGo();
  const { params } = useParsed<{ to?: string }>();

  // Errors are shown in the form (not as a toast), so the default handlers are replaced.
  const { mutate: login, isPending } = useLogin<LoginValues>({
    mutationOptions: {
      onSuccess: async (result) => {
        if (!result.success) {
          setMessage(applyServerErrors(form, result.error));
          return;
        }
        await invalidateAuth();
        go({ to: params?.to || result.redirectTo || '/projects', type: 'replace' });
      },
      onError: (error) => setMessage(applyServerErrors(form, error)),
    },
  });

  return (
    <AuthCard title="Sign in to your account">
      {message && <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} role="alert" />}
      <Form<LoginValues>
        form={form}
        name="login"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setMessage(null);
          login(values);
        }}
      >
        <Form.Item label="E-mail" name="email" rules={[{ required: true, type: 'email', message: 'Enter your e-mail address' }]}>
          <Input type="email" autoComplete="email" placeholder="you@example.com" autoFocus />
        </Form.Item>
        <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <div style={{ textAlign: 'right', marginTop: -8, marginBottom: 16 }}>
          <Link to="/forgot-password">Forgot password?</Link>
        </div>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          Sign in
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        New to Socrates? <InlineLink to="/register">Sign up</InlineLink>
      </Typography.Paragraph>
    </AuthCard>
  );
}
