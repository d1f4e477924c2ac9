import { useEffect, useState } from 'react';
import { useCreate, useInvalidate, useList, type HttpError } from '@refinedev/core';
import { Alert, Form, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Analysis, AnalysisType, Snippet } from '../../lib/api-types';
import { applyServerErrors } from '../../lib/form-errors';
import { isPlanLimitError, PlanLimitAlert } from '../../components/plan-limit-alert';
import { ANALYSIS_TYPES, ANALYSIS_TYPE_KEYS } from '../analyses/analysis-labels';

type Values = { snippetId: string; type: AnalysisType };

type Props = {
  projectId: string;
  open: boolean;
  /** Preselected snippet (the row's "Run analysis"); otherwise the most recent snippet. */
  snippetId?: string;
  onClose: () => void;
  onStarted: (analysis: Analysis) => void;
};

/** Choose a snippet and an analysis type; POST /api/projects/:id/analyses answers 202 with a queued analysis. */
export function RunAnalysisModal({ projectId, open, snippetId, onClose, onStarted }: Props) {
  const [form] = Form.useForm<Values>();
  const [message, setMessage] = useState<string | null>(null);
  const [planLimit, setPlanLimit] = useState<unknown>(null);
  const invalidate = useInvalidate();

  const { result: snippets, query: snippetsQuery } = useList<Snippet, HttpError>({
    resource: `projects/${projectId}/snippets`,
    pagination: { currentPage: 1, pageSize: 100 },
    queryOptions: { enabled: open },
  });
  const { mutate: create, mutation } = useCreate<Analysis, HttpError, Values>();

  const firstSnippetId = snippets.data[0]?.id;

  // Sensible defaults on every opening, so starting an analysis is one click.
  useEffect(() => {
    if (!open) return;
    setMessage(null);
    setPlanLimit(null);
    // Keep the previous choice only if it is still one of this project's snippets.
    const previous: string | undefined = form.getFieldValue('snippetId');
    const stillThere = previous && snippets.data.some((s) => s.id === previous);
    form.setFieldsValue({
      snippetId: snippetId ?? (stillThere ? previous : firstSnippetId),
      type: form.getFieldValue('type') ?? 'quality',
    });
  }, [open, snippetId, firstSnippetId, snippets.data, form]);

  const submit = (values: Values) => {
    setMessage(null);
    setPlanLimit(null);
    create(
      {
        resource: `projects/${projectId}/analyses`,
        values,
        successNotification: () => ({ type: 'success', message: 'Analysis started' }),
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          void invalidate({ resource: 'projects', id: projectId, invalidates: ['detail', 'list'] });
          onStarted(data);
        },
        // 402 plan_limit_reached (Free plan, analyses this month): the server's message and "See plans".
        onError: (error) => (isPlanLimitError(error) ? setPlanLimit(error) : setMessage(applyServerErrors(form, error))),
      },
    );
  };

  const noSnippets = !snippetsQuery.isPending && snippets.data.length === 0;

  return (
    <Modal
      open={open}
      title="Run analysis"
      okText="Start analysis"
      okButtonProps={{ disabled: noSnippets, loading: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {planLimit ? <PlanLimitAlert error={planLimit} /> : null}
      {message && <Alert type="error" showIcon role="alert" message={message} style={{ marginBottom: 16 }} />}
      {noSnippets ? (
        <Alert type="info" showIcon message="Add a snippet first — an analysis runs on one snippet of code." />
      ) : (
        <Form<Values> form={form} name="run-analysis" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="Snippet" name="snippetId" rules={[{ required: true, message: 'Choose a snippet' }]}>
            <Select
              loading={snippetsQuery.isPending}
              showSearch
              optionFilterProp="label"
              placeholder="Choose a snippet"
              options={snippets.data.map((s) => ({ value: s.id, label: s.filename }))}
            />
          </Form.Item>
          <Form.Item label="Type" name="type" rules={[{ required: true, message: 'Choose what to look for' }]}>
            <Radio.Group>
              <Space direction="vertical">
                {ANALYSIS_TYPE_KEYS.map((key) => (
                  <Radio key={key} value={key}>
                    {ANALYSIS_TYPES[key].label}{' '}
                    <Typography.Text type="secondary">— {ANALYSIS_TYPES[key].description}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
