import express, { type Express } from 'express';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { db } from '../../../../src/db/sequelize';
import { loadSession } from '../../../../src/http/auth';
import { apiNotFound, errorHandler } from '../../../../src/http/error-handler';
import { Api } from '../../../../src/http/route';
import { authRoutes } from '../../../../src/modules/auth/auth.routes';
import { createPaymentGateway, type PaymentGateway, type PaymentGatewaySettings } from '../../../../src/modules/billing/gateways';
import { SqlLocalGatewayStore } from '../../../../src/modules/billing/gateways/sql-local-gateway-store';
import { paymentMethodRoutes } from '../../../../src/modules/billing/payment-methods/payment-methods.routes';
import { localWebhookSink, settleLocalWebhooks, WEBHOOK_PROCESS_JOB } from '../../../../src/modules/billing/webhooks/ingest-webhook.service';
import { webhookRouter } from '../../../../src/modules/billing/webhooks/webhooks.routes';
import { resetDatabase, testConfig } from '../../../support/app';

/**
 * A small app with just what the payment-method and webhook routes need, wired the way app.ts will be:
 * the webhook router before express.json(), then sessions, then the routes and the one error handler.
 */
export function billingTestApp(settings: Omit<PaymentGatewaySettings, 'localStore' | 'onLocalEvent'> & { publishableKey?: string } = {}): { app: Express; gateway: PaymentGateway; registry: OpenAPIRegistry } {
  // The local gateway's events go through the same ingest path as Stripe's (the getter breaks the cycle).
  const gateway: PaymentGateway = createPaymentGateway({ ...settings, localStore: new SqlLocalGatewayStore(), onLocalEvent: localWebhookSink(() => gateway) });
  const registry = new OpenAPIRegistry();
  const app = express();
  const api = express.Router();
  api.use(webhookRouter({ gateway, registry }));
  api.use(express.json());
  api.use(loadSession);
  const routes = new Api(express.Router(), registry);
  authRoutes(routes, testConfig());
  paymentMethodRoutes(routes, { gateway, publishableKey: settings.publishableKey });
  api.use(routes.router);
  api.use(apiNotFound);
  api.use(errorHandler);
  app.use('/api', api);
  return { app, gateway, registry };
}

/**
 * Creates the webhook job's queue (what startQueue does once jobs/definitions.ts declares it) without a
 * worker, so tests run the job handler themselves. pg-boss' create_queue is idempotent.
 */
export async function ensureWebhookQueue(): Promise<void> {
  await db().query(`SELECT pgboss.create_queue(?, ?::json)`, {
    replacements: [WEBHOOK_PROCESS_JOB, JSON.stringify({ policy: 'standard', retryLimit: 5, retryDelay: 5, retryBackoff: true })],
  });
}

/** Tables this module writes that resetDatabase leaves alone (the local gateway's go with users). */
export async function resetBillingTables(): Promise<void> {
  await settleLocalWebhooks(); // a previous test's local gateway events must not land in this one
  await db().query(`TRUNCATE webhook_events`);
}

/** The hooks of a billing service test: a gateway on the billing tables, clean tables per test, events settled. */
export function useBillingGateway(receive: (gateway: PaymentGateway) => void): void {
  before(async () => {
    await ensureWebhookQueue();
    receive(billingTestApp().gateway);
  });
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
  });
  afterEach(settleLocalWebhooks);
}
