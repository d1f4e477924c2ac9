import { useState } from 'react';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { useUpdatePassword } from '@refinedev/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard, InlineLink } from './auth-card';
import { applyServerErrors } from '../../lib/form-errors';
import { MIN_PASSWORD_LENGTH, type UpdatePasswordValues } from '../../providers/auth';

type ResetForm = { password: string; confirmPassword: string };

export default function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const navigate = useNavigate();
  const [form] = Form.useForm<ResetForm>();
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const { mutate: updatePassword, isPending } = useUpdatePassword<UpdatePasswordValues>({
    mutationOptions: {
      onSuccess: (result) => {
        if (result.success) setDone(true);
        else setMessage(applyServerErrors(form, result.error));
      },
      onError: (error) => setMessage(applyServerErrors(form, error)),
    },
  });

  if (!token) {
    return (
      <AuthCard title="Reset your password">
        <Result
          status="warning"
          title="This reset link is incomplete"
          subTitle="Open the link from the e-mail again, or ask for a new one."
          extra={<Link to="/forgot-password">Send a new link</Link>}
        />
      </AuthCard>
    );
  }

  if (done) {
    return (
      <AuthCard title="Reset your password">
        <Result
          status="success"
          title="Your password has been changed"
          subTitle="Sign in with your new password."
          extra={
            <Button type="primary" onClick={() => navigate('/login', { replace: true })}>
              Sign in
            </Button>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      {message && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={message}
          description={
            <span>
              Reset links work once and expire. <InlineLink to="/forgot-password">Send a new link</InlineLink>
            </span>
          }
        />
      )}
      <Form<ResetForm>
        form={form}
        name="reset-password"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setMessage(null);
          updatePassword({ token, password: values.password });
        }}
      >
        <Form.Item
          label="New password"
          name="password"
          extra={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          rules={[
            { required: true, message: 'Choose a new password' },
            { min: MIN_PASSWORD_LENGTH, message: `Use at least ${MIN_PASSWORD_LENGTH} characters` },
          ]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="Confirm password"
          name="confirmPassword"
          dependencies={['password']}
          rules={[
            { required: true, message: 'Repeat the new password' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('The passwords do not match')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          Update password
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        <Link to="/login">Back to sign in</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
