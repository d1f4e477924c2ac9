import { Form, Input, Select, type FormProps } from 'antd';
import type { Intake } from '../../lib/api-types';
import { INTAKE_STATUS_OPTIONS } from './intake-status';

export type IntakeFormValues = Pick<Intake, 'customerName' | 'company' | 'email' | 'status' | 'notes'>;

export const NEW_INTAKE_DEFAULTS: Partial<IntakeFormValues> = { status: 'new' };

/** The fields of a customer intake, shared by create and edit; server field errors land under them. */
export function IntakeForm({ formProps }: { formProps: FormProps<IntakeFormValues> }) {
  return (
    <Form<IntakeFormValues> {...formProps} name="intake" layout="vertical" style={{ maxWidth: 720 }}>
      <Form.Item label="Customer name" name="customerName" rules={[{ required: true, whitespace: true, message: "Enter the customer's name" }, { max: 120, message: 'Use at most 120 characters' }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="Company" name="company" rules={[{ max: 120, message: 'Use at most 120 characters' }]}>
        <Input placeholder="Optional" />
      </Form.Item>
      <Form.Item label="E-mail" name="email" rules={[{ required: true, type: 'email', message: 'Enter a valid e-mail address' }, { max: 254, message: 'Use at most 254 characters' }]}>
        <Input type="email" placeholder="name@company.com" />
      </Form.Item>
      <Form.Item label="Status" name="status" rules={[{ required: true, message: 'Choose a status' }]}>
        <Select options={INTAKE_STATUS_OPTIONS} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item label="Notes" name="notes">
        <Input.TextArea rows={5} maxLength={10000} showCount />
      </Form.Item>
    </Form>
  );
}
