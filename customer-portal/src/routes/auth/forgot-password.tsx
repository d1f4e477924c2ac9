import { useState } from 'react';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { useForgotPassword } from '@refinedev/core';
import { Link } from 'react-router';
import { AuthCard, InlineLink } from './auth-card';
import { applyServerErrors } from '../../lib/form-errors';
import type { ForgotPasswordValues } from '../../providers/auth';

export default function ForgotPasswordPage() {
  const [form] = Form.useForm<ForgotPasswordValues>();
  const [message, setMessage] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  const { mutate: requestLink, isPending } = useForgotPassword<ForgotPasswordValues>({
    mutationOptions: {
      onSuccess: (result) => {
        // Typed loosely by Refine (legacy string results); our provider always returns an object.
        if (result && typeof result === 'object' && !result.success) setMessage(applyServerErrors(form, result.error));
        else setSent(true);
      },
      onError: (error) => setMessage(applyServerErrors(form, error)),
    },
  });

  if (sent) {
    return (
      <AuthCard title="Check your inbox">
        <Result
          status="success"
          title="If an account exists for that address, we've sent a link"
          subTitle="The link lets you choose a new password. It expires after a while, so use it soon."
          extra={<Link to="/login">Back to sign in</Link>}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Forgot your password?" subtitle="Enter the e-mail address of your account and we'll send you a link to choose a new one.">
      {message && <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} role="alert" />}
      <Form<ForgotPasswordValues>
        form={form}
        name="forgot-password"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setMessage(null);
          requestLink({ email: values.email.trim() });
        }}
      >
        <Form.Item label="E-mail" name="email" rules={[{ required: true, type: 'email', message: 'Enter a valid e-mail address' }]}>
          <Input type="email" autoComplete="email" placeholder="you@example.com" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          Send reset link
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        Remembered it? <InlineLink to="/login">Sign in</InlineLink>
      </Typography.Paragraph>
    </AuthCard>
  );
}
