import { Col, Form, Input, InputNumber, Row, Select, Slider, type FormProps } from 'antd';
import type { Project } from '../../lib/api-types';
import { PROJECT_STATUS_OPTIONS } from './project-status';

export type ProjectFormValues = Pick<Project, 'name' | 'description' | 'status' | 'completionPercentage'>;

export const NEW_PROJECT_DEFAULTS: Partial<ProjectFormValues> = { status: 'active', completionPercentage: 0 };

/** The fields of a project, shared by the create and edit pages; server field errors land under them. */
export function ProjectForm({ formProps }: { formProps: FormProps<ProjectFormValues> }) {
  return (
    <Form<ProjectFormValues> {...formProps} name="project" layout="vertical" style={{ maxWidth: 720 }}>
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Give the project a name' }, { max: 120, message: 'Use at most 120 characters' }]}>
        <Input placeholder="e.g. Payments service" autoFocus />
      </Form.Item>
      <Form.Item label="Description" name="description">
        <Input.TextArea rows={4} placeholder="What is this project about? (optional)" maxLength={5000} showCount />
      </Form.Item>
      <Row gutter={24}>
        <Col xs={24} sm={10}>
          <Form.Item label="Status" name="status" rules={[{ required: true, message: 'Choose a status' }]}>
            <Select options={PROJECT_STATUS_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label="Completion (%)">
            <Row gutter={12} align="middle">
              <Col flex="auto">
                <Form.Item name="completionPercentage" noStyle>
                  <Slider min={0} max={100} ariaLabelForHandle="Completion" tooltip={{ formatter: (v) => `${v ?? 0}%` }} />
                </Form.Item>
              </Col>
              <Col flex="96px">
                <Form.Item
                  name="completionPercentage"
                  noStyle
                  rules={[{ type: 'integer', min: 0, max: 100, message: 'A whole number from 0 to 100' }]}
                >
                  <InputNumber min={0} max={100} precision={0} aria-label="Completion percentage" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
