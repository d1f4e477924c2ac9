import type { ReactNode } from "react";
import { Card, Flex, Layout, Typography, theme } from "antd";
import { SafetyCertificateFilled } from "@ant-design/icons";

/** The centred card the sign-in, forgot-password and reset-password pages share. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex vertical align="center" justify="center" style={{ minHeight: "100vh", padding: 24 }}>
        <Flex align="center" gap={8} style={{ marginBottom: 24 }}>
          <SafetyCertificateFilled style={{ fontSize: 28, color: token.colorPrimary }} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            Socrates Ops Console
          </Typography.Title>
        </Flex>
        <Card style={{ width: "100%", maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {subtitle}
            </Typography.Paragraph>
          )}
          {children}
        </Card>
      </Flex>
    </Layout>
  );
}
