import { useEffect, useRef, useState } from "react";
import { Alert, Button, Descriptions, Empty, Flex, Modal, Progress, Table, Typography, Upload } from "antd";
import { InboxOutlined } from "@ant-design/icons";
import { useInvalidate } from "@refinedev/core";
import { http, toApiError } from "../../providers/http";
import { formatDateTime, formatNumber } from "../../lib/format";
import type { UserImport } from "./types";

const POLL_MS = 800;
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Uploads a CSV of customers (header: name,email) and follows the background import: rows done of total,
 * then a report of every refused row with its line and reason. Good rows are kept whatever the bad ones do.
 */
export function ImportUsersModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [job, setJob] = useState<UserImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [recent, setRecent] = useState<UserImport[] | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const invalidate = useInvalidate();

  useEffect(() => () => window.clearTimeout(timer.current), []);

  // The last imports, to reopen a report (or follow one still running) after closing the dialog.
  useEffect(() => {
    if (!open || job) return;
    http
      .get<UserImport[]>("/admin/users/imports")
      .then(({ data }) => setRecent(data.slice(0, 5)))
      .catch(() => setRecent([]));
  }, [open, job]);

  const reopen = (item: UserImport) => {
    setJob(item);
    if (item.status === "queued" || item.status === "running") poll(item.id);
  };

  const poll = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const { data } = await http.get<UserImport>(`/admin/users/imports/${id}`);
        setJob(data);
        if (data.status === "completed" || data.status === "failed") {
          await invalidate({ resource: "users", invalidates: ["list"] });
          return;
        }
      } catch (err) {
        setError(toApiError(err).message);
      }
      poll(id);
    }, POLL_MS);
  };

  const upload = async (file: File) => {
    setError(null);
    if (file.size > MAX_BYTES) {
      setError("This file is larger than 5 MB; split it into smaller files.");
      return;
    }
    setUploading(true);
    try {
      const text = await file.text();
      const { data } = await http.post<UserImport>(`/admin/users/imports?filename=${encodeURIComponent(file.name)}`, text, { headers: { "Content-Type": "text/csv" } });
      setJob(data);
      poll(data.id);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setUploading(false);
    }
  };

  const close = () => {
    window.clearTimeout(timer.current);
    setJob(null);
    setError(null);
    onClose();
  };

  const finished = job?.status === "completed" || job?.status === "failed";
  const percent = job && job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;

  return (
    <Modal open={open} title="Import customers from CSV" onCancel={close} width={720} footer={<Button onClick={close}>{finished || !job ? "Close" : "Close (the import goes on)"}</Button>} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      {!job ? (
        <>
          <Typography.Paragraph>
            The first line names the columns <Typography.Text code>name</Typography.Text> and <Typography.Text code>email</Typography.Text>. Each good row becomes a customer on the Free plan; they
            choose a password with "Forgot password". Rows with a bad or taken e-mail are refused and listed, the others are kept.
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,text/csv"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            data-testid="import-dropzone"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{uploading ? "Uploading…" : "Click or drop a CSV file here"}</p>
            <p className="ant-upload-hint">Up to 10,000 rows, 5 MB.</p>
          </Upload.Dragger>
          {recent && recent.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                Recent imports
              </Typography.Title>
              <Table<UserImport>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={recent}
                onRow={(item) => ({ onClick: () => reopen(item), style: { cursor: "pointer" } })}
                columns={[
                  { title: "File", dataIndex: "filename" },
                  { title: "When", dataIndex: "createdAt", render: (value: string) => formatDateTime(value) },
                  { title: "Status", dataIndex: "status" },
                  { title: "Created / refused", dataIndex: "createdCount", render: (_: number, item) => `${formatNumber(item.createdCount)} / ${formatNumber(item.errorCount)}` },
                ]}
              />
            </>
          )}
        </>
      ) : (
        <Flex vertical gap={16} data-testid="import-progress">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="File">{job.filename}</Descriptions.Item>
            <Descriptions.Item label="Status">{job.status}</Descriptions.Item>
            <Descriptions.Item label="Rows done">
              {formatNumber(job.processedRows)} of {formatNumber(job.totalRows)}
            </Descriptions.Item>
            <Descriptions.Item label="Created / refused">
              {formatNumber(job.createdCount)} / {formatNumber(job.errorCount)}
            </Descriptions.Item>
          </Descriptions>
          <Progress aria-label="Import progress" percent={percent} status={job.status === "failed" ? "exception" : finished ? "success" : "active"} />
          {job.status === "failed" && <Alert type="error" showIcon message="The import stopped" description={job.failure} />}
          {finished && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                Refused rows
              </Typography.Title>
              <Table
                data-testid="import-errors"
                size="small"
                rowKey="line"
                dataSource={job.errors}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Every row was imported" /> }}
                columns={[
                  { title: "Line", dataIndex: "line", width: 70 },
                  { title: "E-mail", dataIndex: "email", render: (email: string | null) => email ?? "—" },
                  { title: "Reason", dataIndex: "reason" },
                ]}
              />
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
