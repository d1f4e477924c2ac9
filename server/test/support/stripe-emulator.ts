import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type Stripe from 'stripe';

/**
 * A local emulator of exactly the Stripe endpoints the billing gateway uses, speaking Stripe's wire format:
 * form-encoded requests with bracket notation (`metadata[invoice_id]=…`, `invoice_settings[default_payment_method]=…`),
 * JSON objects shaped like the SDK's types, Stripe's error envelopes, and idempotency-key replay. The real SDK
 * talks to it through `{ host, port, protocol: 'http' }`. (stripe-stateful-mock has no setup intents.)
 *
 * Test payment methods, as on Stripe: `pm_card_visa` (4242, charges succeed), `pm_card_chargeDeclined` (0002,
 * attaches but every charge is declined), `pm_card_authenticationRequired` (3184, off-session charges need 3DS).
 * Attaching one of them creates a fresh `pm_…` copy, like Stripe does.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** The form body decoded into nested objects (all leaf values are strings, as sent). */
  body: Record<string, unknown>;
  idempotencyKey?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface StripeEmulator {
  url: string;
  host: string;
  port: number;
  /** Every request received, in order (replays included). */
  requests: RecordedRequest[];
  /** The requests for one method and path (e.g. 'POST', '/v1/payment_intents'). */
  requestsTo(method: string, path: string): RecordedRequest[];
  /**
   * Plays Stripe.js + Elements confirming a SetupIntent: attaches a copy of a test payment method
   * (`pm_card_visa`, …) to the customer out of band (not recorded) and returns its new id.
   */
  attachTestPaymentMethod(customerId: string, testPaymentMethod?: keyof typeof TEST_PAYMENT_METHODS): string;
  close(): Promise<void>;
}

type Behaviour = 'succeeds' | 'declines' | 'requires_authentication';
interface TestCard { brand: string; last4: string; behaviour: Behaviour }

const TEST_PAYMENT_METHODS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', behaviour: 'succeeds' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', behaviour: 'declines' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', behaviour: 'requires_authentication' },
};

/** Stripe's minimum charge for USD (and roughly for most currencies): 50 cents. */
const MINIMUM_AMOUNT = 50;

class StripeApiError extends Error {
  constructor(readonly status: number, readonly error: Record<string, unknown>) {
    super(String(error.message));
  }
}

const missing = (kind: string, id: string, param = 'id') =>
  new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });
const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) });

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const metadataOf = (v: unknown): Record<string, string> => (v && typeof v === 'object' ? (v as Record<string, string>) : {});

export async function startStripeEmulator(): Promise<StripeEmulator> {
  const customers = new Map<string, Stripe.Customer>();
  const paymentMethods = new Map<string, Stripe.PaymentMethod & { behaviour: Behaviour }>();
  const paymentIntents = new Map<string, Stripe.PaymentIntent>();
  const refundedByIntent = new Map<string, number>();
  const idempotent = new Map<string, { bodyHash: string; status: number; json: unknown }>();
  const requests: RecordedRequest[] = [];

  function customerOr404(id: string): Stripe.Customer {
    const c = customers.get(id);
    if (!c) throw missing('customer', id);
    return c;
  }

  /** A stored payment method, or a fresh detached copy of a test one (`pm_card_visa` used directly). */
  function paymentMethodOr404(id: string, param = 'payment_method') {
    const pm = paymentMethods.get(id);
    if (pm) return pm;
    const template = TEST_PAYMENT_METHODS[id];
    if (!template) throw missing('PaymentMethod', id, param);
    return makePaymentMethod(template);
  }

  function makePaymentMethod(card: TestCard): Stripe.PaymentMethod & { behaviour: Behaviour } {
    const pm = {
      id: newId('pm'),
      object: 'payment_method',
      billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
      card: {
        brand: card.brand, checks: null, country: 'US', display_brand: card.brand, exp_month: 12, exp_year: new Date().getFullYear() + 3,
        funding: 'credit', generated_from: null, last4: card.last4, networks: null, regulated_status: null, three_d_secure_usage: null, wallet: null,
      },
      created: now(),
      customer: null,
      customer_account: null,
      livemode: false,
      metadata: {},
      type: 'card',
    } satisfies Stripe.PaymentMethod;
    return { ...pm, behaviour: card.behaviour };
  }

  /** The JSON Stripe would send: our bookkeeping field stripped. */
  function publicPm(pm: Stripe.PaymentMethod & { behaviour?: Behaviour }): Stripe.PaymentMethod {
    const { behaviour: _ignored, ...rest } = pm;
    return rest;
  }

  function makeIntent(body: Record<string, unknown>, pm: Stripe.PaymentMethod | undefined, status: Stripe.PaymentIntent.Status, amount: number): Stripe.PaymentIntent {
    const id = newId('pi');
    return {
      id, object: 'payment_intent', allowed_payment_method_types: ['card'], amount, amount_capturable: 0,
      amount_received: status === 'succeeded' ? amount : 0, application: null, application_fee_amount: null,
      automatic_payment_methods: null, canceled_at: null, cancellation_reason: null, capture_method: 'automatic',
      client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`, confirmation_method: 'automatic', created: now(),
      currency: String(body.currency).toLowerCase(), customer: str(body.customer) ?? null, customer_account: null,
      description: str(body.description) ?? null, excluded_payment_method_types: null, last_payment_error: null,
      latest_charge: status === 'succeeded' ? newId('ch') : null, livemode: false, managed_payments: null,
      metadata: metadataOf(body.metadata), next_action: null, on_behalf_of: null, payment_method: pm?.id ?? null,
      payment_method_configuration_details: null, payment_method_options: null, payment_method_types: ['card'],
      payment_record: null, processing: null, receipt_email: null, review: null, setup_future_usage: null, shipping: null,
      source: null, statement_descriptor: null, statement_descriptor_suffix: null, status, transfer_group: null,
    } satisfies Stripe.PaymentIntent;
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: true }));

  // Record everything, check the key, and replay idempotent POSTs (same key + same path → same response).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const idempotencyKey = req.get('Idempotency-Key') ?? undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;
    requests.push({ method: req.method, path: req.path, query: { ...req.query }, body, idempotencyKey, headers: { ...req.headers } });
    if (!/^Bearer sk_(test|live)_\w+/.test(req.get('Authorization') ?? '')) {
      res.status(401).json({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      return;
    }
    if (req.method !== 'POST' || !idempotencyKey) return next();
    const slot = `${req.path}\n${idempotencyKey}`;
    const bodyHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const seen = idempotent.get(slot);
    if (seen) {
      if (seen.bodyHash !== bodyHash) {
        res.status(400).json({ error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` } });
        return;
      }
      res.set('Idempotent-Replayed', 'true').status(seen.status).json(seen.json);
      return;
    }
    const json = res.json.bind(res);
    res.json = (payload: unknown) => {
      // Stripe stores errors too (a declined charge replays as declined), except 5xx/429 which may be retried.
      if (res.statusCode < 500 && res.statusCode !== 429) idempotent.set(slot, { bodyHash, status: res.statusCode, json: payload });
      return json(payload);
    };
    next();
  });

  app.post('/v1/customers', (req, res) => {
    const id = newId('cus');
    const customer = {
      id, object: 'customer', balance: 0, created: now(), default_source: null,
      description: str(req.body.description) ?? null, email: str(req.body.email) ?? null,
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false, metadata: metadataOf(req.body.metadata), shipping: null, name: str(req.body.name) ?? null,
    } satisfies Stripe.Customer;
    customers.set(id, customer);
    res.json(customer);
  });

  app.get('/v1/customers/:id', (req, res) => {
    res.json(customerOr404(req.params.id));
  });

  app.post('/v1/customers/:id', (req, res) => {
    const customer = customerOr404(req.params.id);
    const defaultPm = (req.body.invoice_settings as Record<string, unknown> | undefined)?.default_payment_method;
    if (typeof defaultPm === 'string') {
      const pm = paymentMethods.get(defaultPm);
      if (defaultPm !== '' && pm?.customer !== customer.id) {
        throw invalid(`The customer does not have a payment method with the ID ${defaultPm}. The payment method must be attached to the customer.`, 'invoice_settings[default_payment_method]', 'resource_missing');
      }
      customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: defaultPm || null };
    }
    if (str(req.body.email)) customer.email = req.body.email;
    if (str(req.body.name)) customer.name = req.body.name;
    if (req.body.metadata) customer.metadata = { ...customer.metadata, ...metadataOf(req.body.metadata) };
    res.json(customer);
  });

  app.post('/v1/setup_intents', (req, res) => {
    const customer = str(req.body.customer);
    if (customer) customerOr404(customer);
    const id = newId('seti');
    const types = Array.isArray(req.body.allowed_payment_method_types) ? (req.body.allowed_payment_method_types as string[]) : ['card'];
    res.json({
      id, object: 'setup_intent', allowed_payment_method_types: types, application: null, automatic_payment_methods: null,
      cancellation_reason: null, client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`, created: now(),
      customer: customer ?? null, description: str(req.body.description) ?? null, excluded_payment_method_types: null,
      last_setup_error: null, latest_attempt: null, livemode: false, mandate: null, metadata: metadataOf(req.body.metadata),
      next_action: null, on_behalf_of: null, payment_method: null, payment_method_configuration_details: null,
      payment_method_options: null, payment_method_types: types, single_use_mandate: null, status: 'requires_payment_method',
      usage: str(req.body.usage) ?? 'off_session',
    } satisfies Stripe.SetupIntent);
  });

  app.post('/v1/payment_methods/:id/attach', (req, res) => {
    const customerId = str(req.body.customer);
    if (!customerId) throw invalid('Missing required param: customer.', 'customer');
    customerOr404(customerId);
    const pm = paymentMethodOr404(req.params.id, 'payment_method');
    if (pm.customer && pm.customer !== customerId) throw invalid('The payment method you provided has already been attached to a customer.', undefined, 'payment_method_unexpected_state');
    pm.customer = customerId;
    paymentMethods.set(pm.id, pm);
    res.json(publicPm(pm));
  });

  app.post('/v1/payment_methods/:id/detach', (req, res) => {
    const pm = paymentMethods.get(req.params.id);
    if (!pm) throw missing('PaymentMethod', req.params.id);
    if (!pm.customer) throw invalid('The payment method you provided is not attached to a customer so detachment is impossible.', undefined, 'payment_method_unexpected_state');
    const customer = customers.get(pm.customer as string);
    if (customer?.invoice_settings.default_payment_method === pm.id) customer.invoice_settings.default_payment_method = null;
    pm.customer = null;
    res.json(publicPm(pm));
  });

  app.get('/v1/payment_methods', (req, res) => {
    const customerId = str(req.query.customer);
    if (customerId) customerOr404(customerId);
    const type = str(req.query.type);
    const data = [...paymentMethods.values()]
      .filter((pm) => pm.customer && (!customerId || pm.customer === customerId) && (!type || pm.type === type))
      .sort((a, b) => b.created - a.created)
      .map(publicPm);
    res.json({ object: 'list', data, has_more: false, url: '/v1/payment_methods' } satisfies Stripe.ApiList<Stripe.PaymentMethod>);
  });

  app.post('/v1/payment_intents', (req, res) => {
    const amount = Number(req.body.amount);
    if (!Number.isInteger(amount) || amount < 1) throw invalid('Invalid integer: amount', 'amount');
    if (!str(req.body.currency)) throw invalid('Missing required param: currency.', 'currency');
    if (amount < MINIMUM_AMOUNT) throw invalid('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
    const customerId = str(req.body.customer);
    if (customerId) customerOr404(customerId);
    const pmId = str(req.body.payment_method);
    const pm = pmId ? paymentMethodOr404(pmId) : undefined;
    if (pm && customerId && paymentMethods.has(pm.id) && pm.customer !== customerId) {
      throw invalid(`The provided PaymentMethod ${pm.id} does not belong to the Customer ${customerId}.`, 'payment_method');
    }
    if (req.body.off_session === 'true' && req.body.confirm !== 'true') {
      throw invalid('You may only specify `off_session` when confirming this PaymentIntent (`confirm=true`).', 'off_session');
    }
    if (req.body.confirm !== 'true' || !pm) {
      const intent = makeIntent(req.body, pm, pm ? 'requires_confirmation' : 'requires_payment_method', amount);
      paymentIntents.set(intent.id, intent);
      res.json(intent);
      return;
    }
    if (pm.behaviour === 'succeeds') {
      const intent = makeIntent(req.body, pm, 'succeeded', amount);
      paymentIntents.set(intent.id, intent);
      res.json(intent);
      return;
    }
    // A declined confirmation is a 402 card_error whose envelope carries the PaymentIntent, now back in
    // requires_payment_method with last_payment_error set — exactly what the SDK turns into StripeCardError.
    const declined = pm.behaviour === 'declines';
    const error = declined
      ? { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }
      : { type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' };
    const intent = makeIntent(req.body, pm, 'requires_payment_method', amount);
    intent.last_payment_error = { ...error, type: 'card_error', payment_method: publicPm(pm) } as Stripe.PaymentIntent.LastPaymentError;
    intent.latest_charge = declined ? newId('ch') : null;
    paymentIntents.set(intent.id, intent);
    res.status(402).json({ error: { ...error, charge: intent.latest_charge, payment_intent: intent, payment_method: publicPm(pm) } });
  });

  app.post('/v1/refunds', (req, res) => {
    const piId = str(req.body.payment_intent);
    if (!piId) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', 'payment_intent');
    const intent = paymentIntents.get(piId);
    if (!intent) throw missing('payment_intent', piId, 'payment_intent');
    if (intent.status !== 'succeeded') throw invalid(`This PaymentIntent (${piId}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
    const already = refundedByIntent.get(piId) ?? 0;
    const amount = req.body.amount === undefined ? intent.amount_received - already : Number(req.body.amount);
    if (!Number.isInteger(amount) || amount < 1) throw invalid('Invalid integer: amount', 'amount');
    if (amount + already > intent.amount_received) {
      throw invalid(`Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${((intent.amount_received - already) / 100).toFixed(2)})`, 'amount', 'amount_too_large');
    }
    refundedByIntent.set(piId, already + amount);
    res.json({
      id: newId('re'), object: 'refund', amount, balance_transaction: newId('txn'), charge: intent.latest_charge, created: now(),
      currency: intent.currency, customer: intent.customer, customer_account: null, metadata: metadataOf(req.body.metadata),
      payment_intent: piId, payment_method: intent.payment_method, reason: str(req.body.reason) as Stripe.Refund.Reason ?? null,
      receipt_number: null, source_transfer_reversal: null, status: 'succeeded', transfer_reversal: null,
    } satisfies Stripe.Refund);
  });

  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.path}). The emulator implements only the endpoints the billing gateway uses.` } });
  });

  // Express 5 forwards thrown errors (sync and async) here.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof StripeApiError) res.status(err.status).json({ error: err.error });
    else res.status(500).json({ error: { type: 'api_error', message: err instanceof Error ? err.message : String(err) } });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    requests,
    requestsTo: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    attachTestPaymentMethod: (customerId, testPaymentMethod = 'pm_card_visa') => {
      customerOr404(customerId);
      const pm = makePaymentMethod(TEST_PAYMENT_METHODS[testPaymentMethod]);
      pm.customer = customerId;
      paymentMethods.set(pm.id, pm);
      return pm.id;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
