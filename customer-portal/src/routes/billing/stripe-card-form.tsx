import { useState } from 'react';
import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { CardElement, Elements, useElements, useStripe } from '@stripe/react-stripe-js';
import { Alert, Button, Flex, Typography } from 'antd';
import type { PaymentMethod } from '../../lib/api-types';
import { http, toApiError } from '../../providers/http';

// One Stripe.js per publishable key for the page's life: loadStripe adds the script tag once.
const stripeByKey = new Map<string, Promise<Stripe | null>>();
const stripeFor = (key: string) => {
  let promise = stripeByKey.get(key);
  if (!promise) {
    promise = loadStripe(key);
    stripeByKey.set(key, promise);
  }
  return promise;
};

type Props = {
  publishableKey: string;
  onAdded: (card: PaymentMethod) => Promise<void> | void;
};

/**
 * Card entry through Stripe Elements (this chunk, and Stripe.js with it, load only when a publishable key
 * is configured). The card number goes from the browser to Stripe only: the server makes a SetupIntent for
 * off-session use, Stripe confirms it (3-D Secure if the bank asks), then the saved card list is re-read
 * (the first card becomes the default there).
 */
export default function StripeCardForm({ publishableKey, onAdded }: Props) {
  return (
    <Elements stripe={stripeFor(publishableKey)}>
      <CardForm onAdded={onAdded} />
    </Elements>
  );
}

function CardForm({ onAdded }: Pick<Props, 'onAdded'>) {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [complete, setComplete] = useState(false);

  const submit = async () => {
    const card = elements?.getElement(CardElement);
    if (!stripe || !card) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await http.post<{ clientSecret: string }>('/billing/payment-methods/setup-intent');
      const result = await stripe.confirmCardSetup(data.clientSecret, { payment_method: { card } });
      if (result.error) {
        setError(result.error.message ?? 'Your card could not be saved.');
        return;
      }
      const saved = result.setupIntent.payment_method;
      const savedId = typeof saved === 'string' ? saved : saved?.id;
      const { data: cards } = await http.get<PaymentMethod[]>('/billing/payment-methods');
      const added = cards.find((c) => c.id === savedId) ?? cards[0];
      if (added) await onAdded(added);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="stripe-card-form">
      <Typography.Text type="secondary">Your card details go straight to Stripe, our payment processor; we keep only the brand and last four digits.</Typography.Text>
      <div style={{ padding: '10px 12px', border: '1px solid #d9d9d9', borderRadius: 6 }}>
        <CardElement options={{ hidePostalCode: false }} onChange={(e) => { setComplete(e.complete); if (e.error) setError(e.error.message); else setError(null); }} />
      </div>
      {error && <Alert type="error" showIcon role="alert" message={error} />}
      <Button type="primary" loading={busy} disabled={!stripe || !complete} onClick={() => void submit()} data-testid="stripe-card-submit">
        Save card
      </Button>
    </Flex>
  );
}
