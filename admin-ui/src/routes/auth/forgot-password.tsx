import { useState } from "react";
import { Alert, Button, Form, Input, Result } from "antd";
import { MailOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { AuthCard } from "./auth-card";
import { authProvider } from "../../providers/auth";
import { applyFieldErrors } from "../../lib/form-errors";

interface ForgotValues {
  email: string;
}

export default function ForgotPasswordPage() {
  const [form] = Form.useForm<ForgotValues>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onFinish = async ({ email }: ForgotValues) => {
    setError(null);
    setPending(true);
    const result = await authProvider.forgotPassword!({ email: email.trim() });
    setPending(false);
    if (result.success) {
      setSentTo(email.trim());
    } else if (!applyFieldErrors(form, result.error)) {
      setError(result.error?.message ?? "Could not send the link. Please try again.");
    }
  };

  if (sentTo) {
    return (
      <AuthCard title="Check your inbox">
        <Result
          status="success"
          style={{ padding: 0 }}
          subTitle={`If an account exists for ${sentTo}, we sent it a link to choose a new password. The link expires soon, so use it shortly.`}
          extra={
            <Link to="/login">
              <Button type="primary">Back to sign in</Button>
            </Link>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Forgot your password?" subtitle="Enter your e-mail address and we will send you a link to choose a new one.">
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<ForgotValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={pending}>
        <Form.Item
          label="E-mail"
          name="email"
          rules={[
            { required: true, message: "Enter your e-mail address" },
            { type: "email", message: "Enter a valid e-mail address" },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="email" type="email" autoFocus size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          Send reset link
        </Button>
      </Form>
      <div style={{ textAlign: "center", marginTop: 16 }}>
        <Link to="/login">Back to sign in</Link>
      </div>
    </AuthCard>
  );
}
