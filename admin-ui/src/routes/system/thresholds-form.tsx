import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Typography } from "antd";
import { applyFieldErrors } from "../../lib/form-errors";
import { http, toApiError } from "../../providers/http";
import type { Thresholds } from "./types";

/** The alert thresholds; the check job e-mails the super admins once when one is crossed. */
export function ThresholdsForm({ thresholds, loading, canManage, onSaved }: { thresholds: Thresholds | undefined; loading: boolean; canManage: boolean; onSaved: () => void }) {
  const [form] = Form.useForm<Thresholds>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (thresholds && !form.isFieldsTouched()) form.setFieldsValue(thresholds);
  }, [thresholds, form]);

  const save = async (values: Thresholds) => {
    setSaving(true);
    setError(null);
    try {
      const { data } = await http.put<Thresholds>("/admin/system/thresholds", values);
      form.resetFields();
      form.setFieldsValue(data);
      message.success("Alert thresholds saved.");
      onSaved();
    } catch (err) {
      if (!applyFieldErrors(form, toApiError(err))) setError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="Alert thresholds" style={{ height: "100%" }}>
      {loading && !thresholds ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} disabled={!canManage} requiredMark={false}>
          <Typography.Paragraph type="secondary">
            Checked every 5 minutes over the last 15 minutes of traffic. The super admins get one e-mail when a threshold is crossed and one when it recovers.
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Form.Item name="errorRatePercent" label="Error rate (5xx) above" rules={[{ required: true, message: "Enter a percentage" }]}>
            <InputNumber min={0.1} max={100} step={0.5} addonAfter="%" style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="p95LatencyMs" label="p95 latency above" rules={[{ required: true, message: "Enter milliseconds" }]}>
            <InputNumber min={10} max={120000} step={50} precision={0} addonAfter="ms" style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="queueBacklog" label="Job queue backlog above" rules={[{ required: true, message: "Enter a number of jobs" }]}>
            <InputNumber min={1} step={50} precision={0} addonAfter="jobs" style={{ width: "100%" }} />
          </Form.Item>
          {canManage ? (
            <Button type="primary" htmlType="submit" loading={saving}>
              Save thresholds
            </Button>
          ) : (
            <Typography.Text type="secondary">Changing thresholds needs the system.manage permission.</Typography.Text>
          )}
        </Form>
      )}
    </Card>
  );
}
