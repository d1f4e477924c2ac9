import type { ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { Card, Layout, Space, Typography, theme } from 'antd';
import { CodeOutlined } from '@ant-design/icons';

/** The centred card every signed-out page (sign in, sign up, password reset) sits in. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
      <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 420 }}>
        <Space style={{ justifyContent: 'center', width: '100%' }}>
          <CodeOutlined style={{ fontSize: 28, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 24 }}>
            Socrates
          </Typography.Text>
        </Space>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
          {children}
        </Card>
      </Space>
    </Layout>
  );
}

/** A link inside a sentence ("New to Socrates? Sign up"): underlined, so it is not told apart by colour alone. */
export function InlineLink({ style, ...props }: LinkProps) {
  return <Link {...props} style={{ textDecoration: 'underline', ...style }} />;
}
