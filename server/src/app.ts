import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ROOT_DIR, type Config } from './config';
import { clock } from './lib/clock';
import { rejectUnstorableText } from './http/reject-unstorable-text';
import { serveSpa } from './http/serve-spa';
import { requestLog } from './http/request-log';
import { logger } from './lib/logger';
import { Api } from './http/route';
import { loadSession } from './http/auth';
import { originCheck } from './http/origin-check';
import { apiNotFound, errorHandler } from './http/error-handler';
import { observabilityRoutes } from './modules/observability/observability.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { adminRoutes } from './modules/admin/admin.routes';
import { adminMutationRateLimit } from './modules/admin/admin-rate-limit';
import { projectRoutes } from './modules/projects/projects.routes';
import { analysisRoutes } from './modules/analyses/analyses.routes';
import { intakeRoutes } from './modules/intakes/intakes.routes';
import { analyticsRoutes } from './modules/analytics/analytics.routes';
import { analyticsAdminRoutes } from './modules/analytics/analytics-admin.routes';
import { docsRouter, systemRoutes } from './modules/system/system.routes';
import { systemMonitoringRoutes } from './modules/system/monitoring.routes';
import { maintenanceGate } from './modules/system/maintenance';
import { requestMetricsMiddleware } from './modules/system/monitoring/request-metrics';
import { metricsRouter } from './modules/system/monitoring/prometheus';
import { createBillingGateway, installBilling } from './modules/billing/index';
import type { PaymentGateway } from './modules/billing/gateways';
import { paymentMethodRoutes } from './modules/billing/payment-methods/payment-methods.routes';
import { webhookRouter } from './modules/billing/webhooks/webhooks.routes';
import { subscriptionRoutes } from './modules/billing/subscriptions.routes';
import { planChangeRoutes } from './modules/billing/plan-changes.routes';
import { billingAdminRoutes } from './modules/billing/billing-admin.routes';
import { searchRoutes } from './modules/search/search.routes';
import { supportRoutes } from './modules/support/support.routes';
import { supportAdminRoutes } from './modules/support/support-admin.routes';

/** Builds the whole HTTP app (API, docs and both UIs) without listening; tests import it. */
export function createApp(config: Config, deps: { gateway?: PaymentGateway } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are Cache-Control: no-store, so hashing every body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(
    helmet({
      // Stripe.js (card entry through Elements) only when a publishable key is configured: its script, its iframes and its API.
      contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': config.NODE_ENV === 'production' ? [] : null, 'script-src': ["'self'", ...(config.STRIPE_PUBLISHABLE_KEY ? ['https://js.stripe.com'] : [])], 'connect-src': ["'self'", ...(config.SENTRY_BROWSER_DSN ? [new URL(config.SENTRY_BROWSER_DSN).origin] : []), ...(config.STRIPE_PUBLISHABLE_KEY ? ['https://api.stripe.com'] : [])], ...(config.STRIPE_PUBLISHABLE_KEY ? { 'frame-src': ["'self'", 'https://js.stripe.com', 'https://hooks.stripe.com'] } : {}) } },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );

  const api = express.Router();
  api.use(requestLog(logger, { ignore: (path) => path === '/health' }));
  api.use(requestMetricsMiddleware());
  const registry = new OpenAPIRegistry();
  const gateway = deps.gateway ?? createBillingGateway(config);
  // Stripe signs the raw bytes: the webhook route reads its own raw body, so it comes before the JSON parser.
  api.use(webhookRouter({ gateway, registry }));
  api.use(express.json({ limit: config.JSON_BODY_LIMIT }));
  api.use(rejectUnstorableText());
  api.use(originCheck(config.NODE_ENV === 'production' ? [] : ['http://localhost:5173', 'http://localhost:5174']));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Access-Control-Expose-Headers', 'x-total-count, x-total-count-estimated, x-request-id, x-server-time');
    // The app's clock, so countdowns in the UIs (SLA due times) do not depend on the browser's clock
    res.setHeader('x-server-time', clock.now().toISOString());
    next();
  });
  api.use(loadSession);
  api.use(adminMutationRateLimit());
  // Customers get 503 while maintenance mode is on; admins, sign-in and /api/config keep answering.
  api.use(maintenanceGate(config.MAINTENANCE_MESSAGE));

  installBilling();
  const routes = new Api(express.Router(), registry);
  systemRoutes(routes, config);
  authRoutes(routes, config);
  projectRoutes(routes, config);
  analysisRoutes(routes);
  intakeRoutes(routes);
  analyticsRoutes(routes);
  analyticsAdminRoutes(routes);
  subscriptionRoutes(routes);
  planChangeRoutes(routes, { gateway });
  paymentMethodRoutes(routes, { gateway, publishableKey: config.STRIPE_PUBLISHABLE_KEY });
  searchRoutes(routes, config);
  adminRoutes(routes, config);
  billingAdminRoutes(routes, { gateway, config });
  supportRoutes(routes);
  supportAdminRoutes(routes);
  systemMonitoringRoutes(routes, { config, gateway });
  observabilityRoutes(routes, config);
  api.use(docsRouter(registry, config));
  api.use(routes.router);
  api.use(apiNotFound);
  api.use(errorHandler);
  app.use('/api', api);
  app.use(metricsRouter(config.METRICS_TOKEN));

  serveSpa(app, '/admin', path.join(ROOT_DIR, 'admin-ui', 'dist'));
  serveSpa(app, '/portal', path.join(ROOT_DIR, 'customer-portal', 'dist'));
  app.get('/', (_req, res) => res.redirect('/portal/'));
  app.use((_req, res) => res.status(404).type('text').send('Not found. The customer portal is at /portal/, the operations console at /admin/.'));
  return app;
}
