import { useState } from "react";
import { Alert, Button, Form, Input } from "antd";
import { LockOutlined, MailOutlined } from "@ant-design/icons";
import { useGo, useInvalidateAuthStore, useLogin, useParsed } from "@refinedev/core";
import { Link } from "react-router";
import { AuthCard } from "./auth-card";
import { applyFieldErrors } from "../../lib/form-errors";

interface LoginValues {
  email: string;
  password: string;
}

/** Only paths inside the console are followed after sign-in (no open redirect via ?to=). */
const safeRedirect = (to: unknown): string =>
  typeof to === "string" && to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/login") ? to : "/";

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const go = useGo();
  const { params } = useParsed();
  const invalidateAuthStore = useInvalidateAuthStore();

  // Refine's default handlers would also raise a toast; this page shows the outcome inline instead.
  const { mutate: login, isPending } = useLogin<LoginValues>({
    mutationOptions: {
      onSuccess: (result) => {
        if (!result.success) {
          if (!applyFieldErrors(form, result.error)) {
            setError(result.error?.message ?? "Sign-in failed. Please try again.");
          }
          return;
        }
        // Navigate first, as Refine's own handler does: the console's <Authenticated> re-checks the session
        // when it mounts, while refreshing first would let this page's redirect to the dashboard win.
        go({ to: safeRedirect(params?.to), type: "replace" });
        setTimeout(() => void invalidateAuthStore(), 32);
      },
      onError: (err) => setError(err.message),
    },
  });

  const onFinish = (values: LoginValues) => {
    setError(null);
    login({ email: values.email.trim(), password: values.password });
  };

  return (
    <AuthCard title="Sign in" subtitle="Use your operations account.">
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<LoginValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={isPending}>
        <Form.Item
          label="E-mail"
          name="email"
          rules={[
            { required: true, message: "Enter your e-mail address" },
            { type: "email", message: "Enter a valid e-mail address" },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="username" type="email" autoFocus size="large" />
        </Form.Item>
        <Form.Item label="Password" name="password" rules={[{ required: true, message: "Enter your password" }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <div style={{ textAlign: "right", marginTop: -8, marginBottom: 16 }}>
          <Link to="/forgot-password">Forgot password?</Link>
        </div>
        <Button type="primary" htmlType="submit" block size="large" loading={isPending}>
          Sign in
        </Button>
      </Form>
    </AuthCard>
  );
}
