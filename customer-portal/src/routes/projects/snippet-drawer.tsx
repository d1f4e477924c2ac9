import { useState } from 'react';
import { useForm } from '@refinedev/antd';
import { useInvalidate, type HttpError } from '@refinedev/core';
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import type { Snippet, SnippetLanguage } from '../../lib/api-types';
import { formatBytes } from '../../lib/format';
import { isPlanLimitError, PlanLimitAlert } from '../../components/plan-limit-alert';
import { CodeEditor } from './code-editor';
import { LANGUAGE_OPTIONS, languageForFilename } from './snippet-languages';

/** The API refuses snippet content above 100 KB (UTF-8 bytes). */
export const SNIPPET_MAX_BYTES = 100 * 1024;

type SnippetValues = { filename: string; language: SnippetLanguage; content: string };

export type SnippetDrawerTarget = { mode: 'create' } | { mode: 'edit'; snippetId: string };

const utf8 = new TextEncoder();
const byteLength = (text: string | undefined) => (text ? utf8.encode(text).length : 0);

/**
 * Add or edit a snippet of a project. Mounted only while in use, so the page never holds two code
 * areas at once; `onClosed` fires after the closing animation so the parent can unmount it.
 */
export function SnippetDrawer({ projectId, target, onClosed }: { projectId: string; target: SnippetDrawerTarget; onClosed: () => void }) {
  const [open, setOpen] = useState(true);
  // 402 plan_limit_reached (code storage on the Free plan) is shown in the drawer with "See plans".
  const [planLimit, setPlanLimit] = useState<HttpError | null>(null);
  const invalidate = useInvalidate();
  const { modal } = App.useApp();
  const isEdit = target.mode === 'edit';

  const { formProps, form, saveButtonProps, formLoading, mutation } = useForm<Snippet, HttpError, SnippetValues>({
    // New snippets are created under their project; existing ones are addressed by their own id.
    resource: isEdit ? 'snippets' : `projects/${projectId}/snippets`,
    action: isEdit ? 'edit' : 'create',
    id: isEdit ? target.snippetId : undefined,
    redirect: false,
    warnWhenUnsavedChanges: false,
    successNotification: () => ({ type: 'success', message: isEdit ? 'Snippet saved' : 'Snippet added' }),
    errorNotification: (error) =>
      isPlanLimitError(error) ? false : { type: 'error', message: 'Could not save the snippet', description: error?.message },
    onMutationSuccess: async () => {
      await Promise.all([
        invalidate({ resource: `projects/${projectId}/snippets`, invalidates: ['list'] }),
        invalidate({ resource: 'projects', id: projectId, invalidates: ['detail', 'list'] }),
      ]);
      setOpen(false);
    },
    onMutationError: (error) => {
      setPlanLimit(isPlanLimitError(error) ? error : null);
      // A body over the server's JSON limit is refused before validation, without field errors.
      if (error?.statusCode === 413 && !error.errors?.content) {
        form.setFields([{ name: 'content', errors: [`The code is larger than ${formatBytes(SNIPPET_MAX_BYTES)}.`] }]);
      }
    },
  });

  const content = Form.useWatch('content', form);
  const size = byteLength(content);

  // Cancel, Esc, the close button and a click beside the drawer all come here: typed code is never dropped
  // without asking.
  const requestClose = () => {
    if (mutation.isPending) return;
    if (!form.isFieldsTouched()) {
      setOpen(false);
      return;
    }
    modal.confirm({
      title: 'Discard your changes?',
      content: isEdit ? 'Your edits to this snippet have not been saved.' : 'This snippet has not been added yet; what you typed will be lost.',
      okText: 'Discard',
      okButtonProps: { danger: true },
      cancelText: 'Keep editing',
      // Enter keeps the code: only a deliberate click throws it away
      autoFocusButton: 'cancel',
      onOk: () => setOpen(false),
    });
  };

  return (
    <Drawer
      open={open}
      title={isEdit ? 'Edit snippet' : 'Add snippet'}
      width={760}
      onClose={requestClose}
      afterOpenChange={(visible) => {
        if (!visible) onClosed();
      }}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={requestClose}>Cancel</Button>
          <Button type="primary" {...saveButtonProps} loading={mutation.isPending}>
            Save
          </Button>
        </Space>
      }
    >
      {planLimit && <PlanLimitAlert error={planLimit} />}
      <Spin spinning={isEdit && formLoading && !mutation.isPending}>
        <Form<SnippetValues>
          {...formProps}
          name="snippet"
          layout="vertical"
          initialValues={isEdit ? formProps.initialValues : { language: 'other', content: '' }}
          onValuesChange={(changed: Partial<SnippetValues>, all: SnippetValues) => {
            // Follow the filename's extension until the user picks a language themselves.
            if ('filename' in changed && !form.isFieldTouched('language')) {
              const guessed = languageForFilename(changed.filename);
              if (guessed) form.setFieldValue('language', guessed);
            }
            formProps.onValuesChange?.(changed, all);
          }}
        >
          <Row gutter={16}>
            <Col flex="auto">
              <Form.Item
                label="Filename"
                name="filename"
                rules={[
                  { required: true, whitespace: true, message: 'Give the snippet a filename' },
                  { max: 255, message: 'At most 255 characters' },
                ]}
              >
                <Input placeholder="e.g. src/app.js" autoFocus autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col flex="200px">
              <Form.Item label="Language" name="language" rules={[{ required: true, message: 'Choose a language' }]}>
                <Select options={LANGUAGE_OPTIONS} showSearch optionFilterProp="label" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="Code"
            name="content"
            extra={
              <Typography.Text type={size > SNIPPET_MAX_BYTES ? 'danger' : 'secondary'}>
                {formatBytes(size)} of {formatBytes(SNIPPET_MAX_BYTES)}. Tab inserts two spaces; press Esc then Tab to leave the editor.
              </Typography.Text>
            }
            rules={[
              { required: true, message: 'Paste or type some code' },
              {
                validator: (_, value: string | undefined) =>
                  byteLength(value) > SNIPPET_MAX_BYTES
                    ? Promise.reject(new Error(`The code is larger than ${formatBytes(SNIPPET_MAX_BYTES)}.`))
                    : Promise.resolve(),
              },
            ]}
          >
            <CodeEditor rows={20} placeholder="Paste your code here" />
          </Form.Item>
        </Form>
      </Spin>
    </Drawer>
  );
}
