import express, { type Router } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { PaymentGateway } from '../gateways';
import { ingestWebhook } from './ingest-webhook.service';

export interface WebhookRouterDeps {
  gateway: PaymentGateway;
  /** When given, the route is listed in the API document (it is not declared through Api: raw body, no session). */
  registry?: OpenAPIRegistry;
}

/**
 * POST /billing/stripe-webhook, mounted under /api BEFORE express.json(): the signature is checked on the
 * exact bytes received. Answers 2xx as soon as the event is stored; a job does the work.
 */
export function webhookRouter(deps: WebhookRouterDeps): Router {
  const router = express.Router();
  router.post('/billing/stripe-webhook', express.raw({ type: 'application/json', limit: '1mb' }), async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Bad, tampered or stale signatures throw 400 invalid_signature before anything is stored.
      const event = deps.gateway.parseWebhook(body, req.header('stripe-signature'));
      const { duplicate } = await ingestWebhook(event, deps.gateway.kind);
      res.status(200).json(duplicate ? { received: true, duplicate: true } : { received: true });
    } catch (err) {
      next(err);
    }
  });
  deps.registry?.registerPath({
    method: 'post',
    path: '/api/billing/stripe-webhook',
    summary: 'Stripe webhook: verified on the raw body with the Stripe-Signature header, stored once, processed by a job',
    description: 'Public; authenticated by the signature. Replays answer `{ received: true, duplicate: true }`.',
    tags: ['Billing'],
    security: [],
    request: { headers: z.object({ 'stripe-signature': z.string() }) },
    responses: {
      200: { description: 'Stored (or already stored)', content: { 'application/json': { schema: z.object({ received: z.literal(true), duplicate: z.boolean().optional() }) } } },
      400: { description: 'invalid_signature: bad, tampered or stale signature; nothing stored' },
    },
  });
  return router;
}
