import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request id: the caller's x-request-id (up to 100 characters) or a new UUID; echoed in the response. */
      id?: string;
    }
  }
}

/**
 * Gives every API request an id and logs one line when it ends (method, URL, status, milliseconds): info for
 * success, warn for 4xx, error for 5xx. Liveness probes are not logged. Nothing is built for a level the
 * logger drops, so a quiet logger costs next to nothing per request.
 */
export function requestLog(logger: Logger, opts: { ignore?: (path: string) => boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-request-id'];
    const id = (typeof header === 'string' && header.slice(0, 100)) || randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    if (opts.ignore?.(req.path)) return next();
    const started = performance.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const fields = { req: { id, method: req.method, url: req.originalUrl }, res: { statusCode: status }, responseTime: Math.round(performance.now() - started) };
      logger[level](fields, res.writableFinished ? 'request completed' : 'request aborted');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
