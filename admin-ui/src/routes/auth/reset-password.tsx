import { useState } from "react";
import { Alert, App, Button, Form, Input, Result } from "antd";
import { LockOutlined } from "@ant-design/icons";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthCard } from "./auth-card";
import { authProvider } from "../../providers/auth";
import { applyFieldErrors } from "../../lib/form-errors";
import { isApiError } from "../../providers/http";

interface ResetValues {
  password: string;
  confirm: string;
}

export default function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token");
  const [form] = Form.useForm<ResetValues>();
  const [error, setError] = useState<{ message: string; invalidToken: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();

  if (!token) {
    return (
      <AuthCard title="Choose a new password">
        <Result
          status="warning"
          style={{ padding: 0 }}
          subTitle="This page needs the link from the password-reset e-mail. Request a new link if you no longer have it."
          extra={
            <Link to="/forgot-password">
              <Button type="primary">Request a new link</Button>
            </Link>
          }
        />
      </AuthCard>
    );
  }

  const onFinish = async ({ password }: ResetValues) => {
    setError(null);
    setPending(true);
    const result = await authProvider.updatePassword!({ token, password });
    setPending(false);
    if (result.success) {
      message.success("Your password has been changed. Sign in with the new one.");
      navigate("/login", { replace: true });
      return;
    }
    if (applyFieldErrors(form, result.error)) return;
    const invalidToken = isApiError(result.error) && (result.error.code === "invalid_token" || !!result.error.errors?.token);
    setError({
      message: invalidToken
        ? "This reset link has expired or was already used."
        : (result.error?.message ?? "Could not change the password. Please try again."),
      invalidToken,
    });
  };

  return (
    <AuthCard title="Choose a new password" subtitle="At least 8 characters.">
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error.message}
          action={error.invalidToken ? <Link to="/forgot-password">Request a new link</Link> : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<ResetValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={pending}>
        <Form.Item
          label="New password"
          name="password"
          rules={[
            { required: true, message: "Enter a new password" },
            { min: 8, message: "Use at least 8 characters" },
          ]}
          hasFeedback
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          label="Repeat the new password"
          name="confirm"
          dependencies={["password"]}
          hasFeedback
          rules={[
            { required: true, message: "Repeat the new password" },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue("password") === value
                  ? Promise.resolve()
                  : Promise.reject(new Error("The two passwords do not match")),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          Change password
        </Button>
      </Form>
      <div style={{ textAlign: "center", marginTop: 16 }}>
        <Link to="/login">Back to sign in</Link>
      </div>
    </AuthCard>
  );
}
