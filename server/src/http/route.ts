import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { parseOrThrow } from './validate';
import { requireAuth, requirePermission } from './auth';
import type { AuthContext } from './auth-context';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Ctx<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  auth: AuthContext;
  req: Request;
  res: Response;
}

/** A page of a list route: the simple-rest contract sends rows and puts the total in x-total-count. */
export interface Page<T> {
  rows: T[];
  total: number;
  /** true when the total is the planner's estimate (very large lists). */
  estimated?: boolean;
}

export interface RouteSpec<B, Q, P, R> {
  method: Method;
  /** Express path relative to /api, e.g. '/projects/:id'. */
  path: string;
  summary: string;
  tags: string[];
  /** 'public' routes need no session; everything else needs one. */
  access?: 'public' | 'user';
  /** Admin routes declare the permission they need. */
  permission?: string;
  body?: z.ZodType<B>;
  query?: z.ZodObject<z.ZodRawShape> & z.ZodType<Q>;
  params?: z.ZodObject<z.ZodRawShape> & z.ZodType<P>;
  response?: z.ZodType;
  /** Success status; 204 sends no body. */
  status?: number;
  list?: boolean;
  /** Route-specific middleware (rate limiters) run after auth, before validation. */
  before?: RequestHandler[];
  /** The handler writes the response itself (streams, redirects). */
  raw?: boolean;
  handler: (ctx: Ctx<B, Q, P>) => Promise<R> | R;
}

/** What a route declared, for tests generated from the route table (the permission matrix). */
export interface RouteInfo {
  method: Method;
  path: string;
  access: 'public' | 'user';
  permission: string | null;
}

const registered = new Map<string, RouteInfo>();

/** Every route declared through Api.route in this process (once each, however many apps were built). */
export function registeredRoutes(): RouteInfo[] {
  return [...registered.values()];
}

/** Where modules declare routes: one call wires auth, permission, validation, the handler and the OpenAPI entry. */
export class Api {
  // Routes are grouped by their first path segment ('/admin', '/projects', …) on one router each, so a request
  // is matched against its own group's routes instead of every route of the API in turn.
  private readonly groups = new Map<string, Router>();

  constructor(
    readonly router: Router,
    readonly registry: OpenAPIRegistry,
  ) {}

  private mount(path: string): { router: Router; path: string } {
    const prefix = /^\/[\w-]+(?=\/|$)/.exec(path)?.[0];
    if (!prefix) return { router: this.router, path };
    let group = this.groups.get(prefix);
    if (!group) {
      group = Router();
      this.groups.set(prefix, group);
      this.router.use(prefix, group);
    }
    return { router: group, path: path.slice(prefix.length) || '/' };
  }

  route<B = undefined, Q = undefined, P = undefined, R = unknown>(spec: RouteSpec<B, Q, P, R>): void {
    const guards: RequestHandler[] = [];
    if (spec.permission) guards.push(requirePermission(spec.permission));
    else if (spec.access !== 'public') guards.push(requireAuth);
    const status = spec.status ?? (spec.method === 'post' ? 201 : 200);

    const handle = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const ctx: Ctx<B, Q, P> = {
          params: (spec.params ? parseOrThrow(spec.params, req.params, 'params') : req.params) as P,
          // list routes parse the simple-rest contract themselves (parseListQuery); their schema only documents it
          query: (spec.query && !spec.list ? parseOrThrow(spec.query, req.query, 'query') : req.query) as Q,
          body: (spec.body ? parseOrThrow(spec.body, req.body ?? {}, 'body') : undefined) as B,
          auth: req.auth as AuthContext,
          req,
          res,
        };
        const result = await spec.handler(ctx);
        if (spec.raw) return;
        if (spec.list) {
          const page = result as Page<unknown>;
          res.setHeader('x-total-count', String(page.total));
          if (page.estimated) res.setHeader('x-total-count-estimated', 'true');
          res.status(status).json(page.rows);
        } else if (status === 204 || result === undefined) {
          res.status(status === 200 || status === 201 ? 204 : status).end();
        } else {
          res.status(status).json(result);
        }
      } catch (err) {
        next(err);
      }
    };
    const matched: RequestHandler = (req, _res, next) => {
      req.routePattern = spec.path;
      next();
    };
    const target = this.mount(spec.path);
    target.router[spec.method](target.path, matched, ...guards, ...(spec.before ?? []), handle);
    registered.set(`${spec.method} ${spec.path}`, { method: spec.method, path: spec.path, access: spec.access ?? 'user', permission: spec.permission ?? null });
    this.registry.registerPath(toOpenApi(spec, status));
  }
}

function toOpenApi<B, Q, P, R>(spec: RouteSpec<B, Q, P, R>, status: number): RouteConfig {
  const errorResponse = { description: 'Error: `{ statusCode, message, code, errors? }`' };
  const responses: RouteConfig['responses'] = {
    [status]: spec.response && status !== 204
      ? { description: spec.list ? 'A page of rows; the total is in x-total-count' : 'Success', content: { 'application/json': { schema: spec.list ? z.array(spec.response) : spec.response } } }
      : { description: status === 204 ? 'No content' : 'Success' },
  };
  if (spec.body || spec.query) responses[400] = errorResponse;
  if (spec.access !== 'public') responses[401] = errorResponse;
  if (spec.permission) responses[403] = errorResponse;
  if (spec.path.includes(':')) responses[404] = errorResponse;
  return {
    method: spec.method,
    path: '/api' + spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    description: spec.permission ? `Requires the \`${spec.permission}\` permission.` : spec.access === 'public' ? 'Public.' : 'Requires a session.',
    tags: spec.tags,
    security: spec.access === 'public' ? [] : [{ session: [] }],
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses,
  };
}
