import { z } from 'zod';
import type { Api } from '../../../http/route';
import type { PaymentGateway } from '../gateways';
import { addTestCard } from './add-test-card.service';
import { createSetupIntent } from './create-setup-intent.service';
import { listPaymentMethods } from './list-payment-methods.service';
import { removePaymentMethod } from './remove-payment-method.service';
import { setDefaultPaymentMethod } from './set-default-payment-method.service';

export interface PaymentMethodRouteDeps {
  gateway: PaymentGateway;
  /** STRIPE_PUBLISHABLE_KEY, handed to Stripe Elements with the SetupIntent's client secret. */
  publishableKey?: string;
}

const paymentMethodSchema = z
  .object({ id: z.string(), brand: z.string(), last4: z.string(), expMonth: z.number().int(), expYear: z.number().int(), isDefault: z.boolean() })
  .meta({ id: 'PaymentMethod' });

// Loose on purpose: the gateway validates the card like Stripe.js would and answers field errors itself.
const testCardSchema = z
  .object({
    cardNumber: z.string().min(1).max(40),
    expMonth: z.coerce.number().int(),
    expYear: z.coerce.number().int(),
    cvc: z.string().min(1).max(8),
  })
  .meta({ id: 'TestCardForm' });

const idParams = z.object({ id: z.string().min(1).max(255) });

export function paymentMethodRoutes(api: Api, deps: PaymentMethodRouteDeps): void {
  const tags = ['Billing'];
  const { gateway } = deps;
  api.route({ method: 'get', path: '/billing/payment-methods', tags, summary: 'Your saved cards, newest first', response: z.array(paymentMethodSchema), handler: ({ auth }) => listPaymentMethods(gateway, auth.user) });
  api.route({
    method: 'post', path: '/billing/payment-methods/setup-intent', tags, status: 200,
    summary: 'Stripe mode: a SetupIntent client secret and publishable key for Stripe Elements (409 use_test_card_form in test mode)',
    response: z.object({ clientSecret: z.string(), publishableKey: z.string() }).meta({ id: 'SetupIntent' }),
    handler: ({ auth }) => createSetupIntent(gateway, auth.user, deps.publishableKey),
  });
  api.route({
    method: 'post', path: '/billing/payment-methods', tags, body: testCardSchema,
    summary: 'Test mode: add a test card (4242… succeeds, 4000…0002 is declined: 402); 409 use_stripe_elements with Stripe',
    response: paymentMethodSchema,
    handler: ({ auth, body }) => addTestCard(gateway, auth.user, body),
  });
  api.route({
    method: 'post', path: '/billing/payment-methods/:id/default', tags, params: idParams, status: 200,
    summary: 'Make a card the one renewals are charged to', response: z.array(paymentMethodSchema),
    handler: ({ auth, params }) => setDefaultPaymentMethod(gateway, auth.user, params.id),
  });
  api.route({
    method: 'delete', path: '/billing/payment-methods/:id', tags, params: idParams, status: 204,
    summary: 'Remove a card (409 payment_method_required for the last card of a paid plan)',
    handler: ({ auth, params }) => removePaymentMethod(gateway, auth.user, params.id),
  });
}
