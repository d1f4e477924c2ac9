import { Card, Col, Flex, List as AntList, Row, Skeleton, Space, Typography } from "antd";
import { ArrowRightOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { RoleTag } from "../../components/tags";
import { sectionsFor } from "../../lib/sections";
import { useCurrentUser } from "../../lib/use-current-user";
import { SystemCard } from "./system-card";

export default function DashboardPage() {
  const { user, isLoading } = useCurrentUser();
  const sections = user ? sectionsFor(user.permissions) : [];

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={16}>
          <Card>
            {isLoading || !user ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : (
              <Flex vertical gap={4}>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  Welcome, {user.name}
                </Typography.Title>
                <Space size="small" wrap>
                  <Typography.Text type="secondary">Signed in as {user.email} ·</Typography.Text>
                  <RoleTag role={user.role} />
                </Space>
              </Flex>
            )}
          </Card>
          <Card title="Your sections" style={{ marginTop: 24 }}>
            {isLoading ? (
              <Skeleton active />
            ) : (
              <AntList
                dataSource={sections}
                locale={{ emptyText: "Your role does not include any section yet. Ask a super admin for access." }}
                renderItem={(section) => (
                  <AntList.Item
                    actions={[
                      <Link key="open" to={section.path} aria-label={`Open ${section.label}`}>
                        Open <ArrowRightOutlined />
                      </Link>,
                    ]}
                  >
                    <AntList.Item.Meta
                      title={<Link to={section.path}>{section.label}</Link>}
                      description={section.description}
                    />
                  </AntList.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <SystemCard />
        </Col>
      </Row>
    </Space>
  );
}
