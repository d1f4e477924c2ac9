import { useState } from "react";
import { Alert, App, Form, Input, Modal, Select, Switch, Typography } from "antd";
import type { FormInstance } from "antd";
import { useInvalidate, useList } from "@refinedev/core";
import { formatCents } from "../../lib/format";
import { http, toApiError, type ApiError } from "../../providers/http";
import { dollarsToCents, type AdminTier, type SubscriptionDetail } from "./billing-types";

/** Puts the server's field errors on the form's fields; returns the message for the rest. */
export function showServerErrors(form: FormInstance, err: unknown, fields: string[]): string | null {
  const apiError = toApiError(err);
  const known = Object.entries(apiError.errors ?? {}).filter(([name]) => fields.includes(name));
  form.setFields(known.map(([name, errors]) => ({ name, errors })));
  return known.length ? null : apiError.message;
}

function useRefreshBilling(subscriptionId: string) {
  const invalidate = useInvalidate();
  return async () => {
    await invalidate({ resource: "subscriptions", invalidates: ["list", "detail"], id: subscriptionId });
    await invalidate({ resource: "invoices", invalidates: ["list"] });
  };
}

interface ModalProps {
  subscription: SubscriptionDetail;
  open: boolean;
  onClose: () => void;
}

/** Force a tier: with the prorated charge (the customer's own upgrade) or at no charge; a reason is required. */
export function ForceTierModal({ subscription, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ tierId: string; charge: boolean; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { modal, message } = App.useApp();
  const refresh = useRefreshBilling(subscription.id);
  const tiers = useList<AdminTier, ApiError>({ resource: "subscriptions/tiers", pagination: { mode: "off" }, errorNotification: false, queryOptions: { enabled: open } });
  const options = tiers.result.data.filter((t) => t.active && t.id !== subscription.tier.id);
  const tierId = Form.useWatch("tierId", form);
  const charge = Form.useWatch("charge", form);
  const target = options.find((t) => t.id === tierId);
  const cheaper = target ? target.monthlyPriceCents <= subscription.tier.monthlyPriceCents : false;

  const submit = async (values: { tierId: string; charge: boolean; reason: string }) => {
    const to = options.find((t) => t.id === values.tierId);
    modal.confirm({
      title: `Move ${subscription.customer.email} to ${to?.displayName ?? "this plan"} now?`,
      content: values.charge
        ? "A prorated invoice for the rest of this period is written and charged to the customer's card now."
        : "The plan changes now and nothing is charged for the rest of this period. From the next period the new plan's price is billed.",
      okText: values.charge ? "Change plan and charge" : "Change plan without charge",
      onOk: async () => {
        setSaving(true);
        setError(null);
        try {
          const { data } = await http.post<{ charged: boolean; invoice: { number: string; totalCents: number; currency: string; status: string } | null }>(
            `/admin/subscriptions/${encodeURIComponent(subscription.id)}/upgrade`,
            values,
          );
          message.success(
            data.invoice
              ? `Plan changed; invoice ${data.invoice.number} for ${formatCents(data.invoice.totalCents, data.invoice.currency)} is ${data.invoice.status}.`
              : "Plan changed without charge.",
          );
          await refresh();
          form.resetFields();
          onClose();
        } catch (err) {
          setError(showServerErrors(form, err, ["tierId", "reason"]));
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Modal
      open={open}
      title="Change plan"
      okText="Continue"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ "data-testid": "force-tier-submit" } as never}
    >
      <Typography.Paragraph type="secondary">
        Currently on <b>{subscription.tier.displayName}</b> ({formatCents(subscription.tier.monthlyPriceCents, subscription.tier.currency)} a month).
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ charge: false }} onFinish={submit} requiredMark="optional">
        <Form.Item name="tierId" label="New plan" rules={[{ required: true, message: "Choose a plan" }]}>
          <Select
            loading={tiers.query.isLoading}
            placeholder="Choose a plan"
            options={options.map((t) => ({ value: t.id, label: `${t.displayName} — ${formatCents(t.monthlyPriceCents, t.currency)} / month` }))}
          />
        </Form.Item>
        <Form.Item name="charge" label="Charge the prorated difference now" valuePropName="checked" extra="Only for a dearer plan; the customer needs a card on file.">
          <Switch disabled={cheaper} />
        </Form.Item>
        {charge && !subscription.hasPaymentMethod && <Alert type="warning" showIcon message="This customer has no card on file: a charged change will be refused." style={{ marginBottom: 16 }} />}
        <Form.Item name="reason" label="Reason" rules={[{ required: true, min: 3, message: "Give a reason (at least 3 characters)" }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="Why (kept in the audit trail)" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}

/** Apply account credit (entered in dollars, sent in cents); it comes off the customer's next invoices. */
export function CreditModal({ subscription, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { modal, message } = App.useApp();
  const refresh = useRefreshBilling(subscription.id);

  const submit = (values: { amount: string; reason: string }) => {
    const amountCents = dollarsToCents(values.amount)!;
    modal.confirm({
      title: `Give ${subscription.customer.email} ${formatCents(amountCents, subscription.tier.currency)} of credit?`,
      content: "Nothing is charged or paid out now: the credit is taken off the customer's next invoices first.",
      okText: "Apply credit",
      onOk: async () => {
        setSaving(true);
        setError(null);
        try {
          const { data } = await http.post<{ creditBalanceCents: number }>(`/admin/subscriptions/${encodeURIComponent(subscription.id)}/credit`, { amountCents, reason: values.reason });
          message.success(`Credit applied; the balance is now ${formatCents(data.creditBalanceCents, subscription.tier.currency)}.`);
          await refresh();
          form.resetFields();
          onClose();
        } catch (err) {
          // The server names the field amountCents; the form's field is the dollars input.
          const apiError = toApiError(err);
          const { amountCents: amountErrors, reason: reasonErrors } = apiError.errors ?? {};
          form.setFields([...(amountErrors ? [{ name: "amount" as const, errors: amountErrors }] : []), ...(reasonErrors ? [{ name: "reason" as const, errors: reasonErrors }] : [])]);
          setError(amountErrors || reasonErrors ? null : apiError.message);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Modal open={open} title="Apply credit" okText="Continue" onOk={() => form.submit()} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        Current balance: <b>{formatCents(subscription.creditBalanceCents, subscription.tier.currency)}</b>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          name="amount"
          label="Amount (USD)"
          rules={[
            { required: true, message: "Enter an amount" },
            {
              validator: async (_, value) => {
                const cents = dollarsToCents(value);
                if (value && (cents === null || cents < 1)) throw new Error("Enter an amount such as 25 or 12.50");
              },
            },
          ]}
        >
          <Input prefix="$" inputMode="decimal" placeholder="25.00" data-testid="credit-amount" />
        </Form.Item>
        <Form.Item name="reason" label="Reason" rules={[{ required: true, min: 3, message: "Give a reason (at least 3 characters)" }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="Why (kept in the audit trail)" data-testid="credit-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}
