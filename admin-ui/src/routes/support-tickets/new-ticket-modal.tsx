import { useState } from "react";
import { App, Form, Input, Modal, Select } from "antd";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { applyFieldErrors } from "../../lib/form-errors";
import { http, toApiError, type ApiError } from "../../providers/http";
import { priorityLabel } from "./ticket-tags";
import { PRIORITIES, type AgentTicket, type TicketPriority } from "./types";

interface Values {
  customerId: string;
  subject: string;
  description: string;
  priority: TicketPriority;
}

/** Opens a ticket on behalf of a customer (a phone call, an e-mail to a person): it enters the queue like any other. */
export function NewTicketModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState("");
  const navigate = useNavigate();
  const { message } = App.useApp();
  const customers = useQuery<{ id: string; name: string; email: string }[], ApiError>({
    queryKey: ["support-new-ticket-customers", search],
    queryFn: async () => (await http.get("/admin/users", { params: { role: "customer", q: search || undefined, _start: 0, _end: 10 } })).data,
    enabled: open,
  });
  const create = useMutation<AgentTicket, ApiError, Values>({
    mutationFn: async (body) => {
      try {
        return (await http.post<AgentTicket>("/admin/support/tickets", body)).data;
      } catch (e) {
        throw toApiError(e);
      }
    },
    onSuccess: (ticket) => {
      message.success(`Ticket ${ticket.number} opened`);
      form.resetFields();
      onClose();
      navigate(`/support-tickets/${ticket.id}`);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  return (
    <Modal open={open} title="Open a ticket for a customer" okText="Open ticket" confirmLoading={create.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden width={620}>
      <Form<Values> form={form} layout="vertical" initialValues={{ priority: "normal" }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="customerId" label="Customer" rules={[{ required: true, message: "Choose the customer" }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={customers.isFetching}
            placeholder="Search by name or e-mail"
            notFoundContent={customers.isError ? "Could not search customers" : "No customers found"}
            options={(customers.data ?? []).map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
          />
        </Form.Item>
        <Form.Item name="subject" label="Subject" rules={[{ required: true, message: "A subject is required" }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label="Description" rules={[{ required: true, message: "A description is required" }]}>
          <Input.TextArea rows={5} maxLength={10000} />
        </Form.Item>
        <Form.Item name="priority" label="Priority">
          <Select style={{ width: 200 }} options={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
