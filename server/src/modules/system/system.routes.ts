import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import { createRequire } from 'node:module';
import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Api } from '../../http/route';
import type { Config } from '../../config';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { readMaintenance } from './maintenance';

/** Public liveness, runtime config for the UIs, and the API's own description. */
export function systemRoutes(api: Api, config: Config): void {
  api.route({
    method: 'get', path: '/health', tags: ['System'], access: 'public', summary: 'Liveness: answers ok when the database answers',
    response: z.object({ status: z.literal('ok') }),
    handler: async () => {
      try {
        await db().query('SELECT 1');
      } catch {
        throw new AppError(503, 'database_unavailable', 'The database is not answering');
      }
      return { status: 'ok' as const };
    },
  });

  api.route({
    method: 'get', path: '/config', tags: ['System'], access: 'public', summary: 'Public runtime configuration for the UIs',
    response: z.object({ environment: z.string(), release: z.string(), maintenance: z.object({ enabled: z.boolean(), message: z.string().nullable() }), sentryDsn: z.string().nullable(), stripePublishableKey: z.string().nullable() }),
    handler: async () => {
      const maintenance = await readMaintenance(config.MAINTENANCE_MESSAGE);
      return {
        environment: config.NODE_ENV,
        release: config.RELEASE,
        maintenance: { enabled: maintenance.enabled, message: maintenance.message },
        sentryDsn: config.SENTRY_BROWSER_DSN ?? null,
        stripePublishableKey: config.STRIPE_PUBLISHABLE_KEY ?? null,
      };
    },
  });
}

/** GET /api/openapi.json and the Swagger UI page at /api/docs, built from every registered route. */
export function docsRouter(registry: OpenAPIRegistry, config: Config): express.Router {
  const router = express.Router();
  let doc: unknown;
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'socrates_sid' });
  router.get('/openapi.json', (_req, res) => {
    doc ??= new OpenApiGeneratorV3(registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: { title: 'Socrates Ops API', version: config.RELEASE, description: 'Errors are `{ statusCode, message, code, errors? }`. Lists follow the simple-rest contract (`_start`, `_end`, `_sort`, `_order`, filters, `q`; total in `x-total-count`).' },
      servers: [{ url: '/' }],
    });
    res.json(doc);
  });
  router.get('/docs', (req, res, next) => (req.path.endsWith('/') ? next() : res.redirect(301, req.baseUrl + '/docs/')));
  router.get('/docs/', (_req, res) => {
    res.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>Socrates Ops API</title>
<link rel="stylesheet" href="swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script><script src="init.js"></script></body></html>`);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(`window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#swagger-ui', deepLinking: true });`);
  });
  // The package's main module loads the whole 1.5 MB UI bundle into the server; only its folder is needed.
  const assets = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  router.use('/docs', express.static(assets, { index: false }));
  return router;
}
