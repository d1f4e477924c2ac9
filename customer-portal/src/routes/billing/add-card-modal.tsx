import { lazy, Suspense, useState } from 'react';
import { useCustomMutation, type HttpError } from '@refinedev/core';
import { Alert, Col, Form, Input, Modal, Row, Skeleton, Typography } from 'antd';
import type { PaymentMethod } from '../../lib/api-types';
import { applyServerErrors } from '../../lib/form-errors';
import { toApiError } from '../../providers/http';

type Values = { cardNumber: string; expMonth: string; expYear: string; cvc: string };
type Payload = { cardNumber: string; expMonth: number; expYear: number; cvc: string };

const STRIPE_NOT_CONFIGURED = 'Card entry needs Stripe, but this site has no Stripe publishable key configured. Please contact support.';

// Stripe Elements (and Stripe.js) load only when Stripe is the processor.
const StripeCardForm = lazy(() => import('./stripe-card-form'));

/** The local test gateway's cards (the same numbers as Stripe's test mode). */
const TEST_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'succeeds' },
  { number: '4000 0000 0000 0002', outcome: 'is declined' },
  { number: '4000 0000 0000 0341', outcome: 'is added, but fails when charged' },
];

const digits = (value: string | undefined) => (value ?? '').replace(/\D/g, '');

/** "26" → 2026; a four-digit year is kept. */
function fullYear(value: string): number {
  const n = Number(digits(value));
  return value.trim().length <= 2 ? 2000 + n : n;
}

type Props = {
  open: boolean;
  stripePublishableKey: string | null | undefined;
  onClose: () => void;
  onAdded: (card: PaymentMethod) => Promise<void> | void;
};

/**
 * "Add card". In local test mode (no Stripe publishable key) the card details go to our own API,
 * which stores only brand and last four; with Stripe configured the card goes through Stripe Elements
 * (a SetupIntent confirmed in the browser), and our server never sees the number.
 */
export function AddCardModal({ open, stripePublishableKey, onClose, onAdded }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<{ message: string; declined: boolean } | null>(null);
  const [stripeOnly, setStripeOnly] = useState(false);
  const { mutate, mutation } = useCustomMutation<PaymentMethod, HttpError, Payload>();
  const stripeMode = Boolean(stripePublishableKey) || stripeOnly;

  const submit = (values: Values) => {
    setProblem(null);
    mutate(
      {
        url: '/billing/payment-methods',
        method: 'post',
        values: {
          cardNumber: digits(values.cardNumber),
          expMonth: Number(digits(values.expMonth)),
          expYear: fullYear(values.expYear),
          cvc: digits(values.cvc),
        },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => void onAdded(data),
        onError: (error) => {
          const apiError = toApiError(error);
          if (apiError.code === 'use_stripe_elements') {
            setStripeOnly(true);
            return;
          }
          // A decline is about the card as a whole, not a typo: say so above the form, once.
          if (apiError.code === 'card_declined') {
            setProblem({ message: apiError.message, declined: true });
            return;
          }
          const message = applyServerErrors(form, error);
          if (message) setProblem({ message, declined: false });
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="Add card"
      okText="Add card"
      okButtonProps={{ loading: mutation.isPending, hidden: stripeMode }}
      cancelText={stripeMode ? 'Close' : 'Cancel'}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (!visible) {
          setProblem(null);
          setStripeOnly(false);
        }
      }}
      destroyOnHidden
    >
      {stripeMode ? (
        stripePublishableKey ? (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
            <StripeCardForm publishableKey={stripePublishableKey} onAdded={onAdded} />
          </Suspense>
        ) : (
          <Alert type="warning" showIcon message={STRIPE_NOT_CONFIGURED} data-testid="stripe-not-available" />
        )
      ) : (
        <>
          {problem && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="add-card-error"
              message={problem.declined ? 'Card declined' : 'Could not add the card'}
              description={problem.message}
              style={{ marginBottom: 16 }}
            />
          )}
          <Alert
            type="info"
            showIcon
            data-testid="test-cards"
            message="Test mode — no real card is charged"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {TEST_CARDS.map((card) => (
                  <li key={card.number}>
                    <Typography.Text code copyable={{ text: card.number.replace(/ /g, '') }}>
                      {card.number}
                    </Typography.Text>{' '}
                    {card.outcome}
                  </li>
                ))}
                <li>Any future expiry date and any three-digit CVC.</li>
              </ul>
            }
            style={{ marginBottom: 16 }}
          />
          <Form<Values> form={form} name="add-card" layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              label="Card number"
              name="cardNumber"
              normalize={(value: string) => value.replace(/[^\d ]/g, '')}
              rules={[
                { required: true, message: 'Enter the card number' },
                {
                  validator: (_, value: string | undefined) => {
                    const n = digits(value).length;
                    return !value || (n >= 12 && n <= 19) ? Promise.resolve() : Promise.reject(new Error('A card number has 12 to 19 digits'));
                  },
                },
              ]}
            >
              <Input inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242" maxLength={23} autoFocus />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item
                  label="Month (MM)"
                  name="expMonth"
                  rules={[
                    { required: true, message: 'Enter the month' },
                    { pattern: /^(0?[1-9]|1[0-2])$/, message: '01 to 12' },
                  ]}
                >
                  <Input inputMode="numeric" autoComplete="cc-exp-month" placeholder="MM" maxLength={2} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  label="Year (YY)"
                  name="expYear"
                  rules={[
                    { required: true, message: 'Enter the year' },
                    { pattern: /^(\d{2}|\d{4})$/, message: 'Two digits, e.g. 29' },
                  ]}
                >
                  <Input inputMode="numeric" autoComplete="cc-exp-year" placeholder="YY" maxLength={4} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  label="CVC"
                  name="cvc"
                  rules={[
                    { required: true, message: 'Enter the CVC' },
                    { pattern: /^\d{3,4}$/, message: '3 or 4 digits' },
                  ]}
                >
                  <Input inputMode="numeric" autoComplete="cc-csc" placeholder="123" maxLength={4} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      )}
    </Modal>
  );
}
