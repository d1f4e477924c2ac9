import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type RequestHandler } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A built single-page app under a prefix: its hashed assets cached for a year (compressed when the
 * browser takes it, see precompressed), other files for an hour, and client-side routes falling back to
 * its index.html.
 */
export function serveSpa(app: Express, prefix: string, dist: string): void {
  const index = path.join(dist, 'index.html');
  // Hidden source maps are for error tracking (uploaded to Sentry), not for download.
  app.use(prefix, (req, res, next) => (req.path.endsWith('.map') ? res.status(404).type('text').send('Not found') : next()));
  app.use(prefix, precompressed(dist));
  app.use(prefix, express.static(dist, { index: false, maxAge: '1h', setHeaders: (res, file) => file.includes(`${path.sep}assets${path.sep}`) && res.setHeader('Cache-Control', IMMUTABLE) }));
  app.get(`${prefix}{/*splat}`, (_req, res, next) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text').send(`This UI is not built yet: run \`npm run build\` (npm start does it for you).`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, unlessAborted(next));
  });
}

/**
 * The Brotli or gzip copy of an asset that the UI build writes beside it (`app-1a2b.js.br`,
 * `app-1a2b.js.gz`), when the browser accepts that encoding: the scripts are about a quarter of their
 * size compressed, and compressing once at build time costs no CPU per request. Anything else (no copy,
 * an encoding not accepted) goes on to express.static.
 */
function precompressed(dist: string): RequestHandler {
  const assets = path.join(dist, 'assets') + path.sep;
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    let file: string;
    try {
      file = path.join(dist, decodeURIComponent(req.path));
    } catch {
      return next(); // not a path that decodes: express.static answers it
    }
    if (!file.startsWith(assets)) return next();
    res.vary('Accept-Encoding');
    // Brotli first: browsers list gzip before it, yet its copies are smaller
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    if (!encoding) return next();
    const copy = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    fs.stat(copy, (err, stat) => {
      if (err || !stat.isFile()) return next();
      res.type(path.extname(file));
      res.setHeader('Content-Encoding', encoding);
      res.sendFile(copy, { headers: { 'Cache-Control': IMMUTABLE }, cacheControl: false }, unlessAborted(next));
    });
  };
}

/** A sendFile callback: a browser that left mid-file (a page changed while it loaded) is no error to report. */
function unlessAborted(next: NextFunction): (err?: Error) => void {
  return (err) => {
    if (err && (err as NodeJS.ErrnoException).code !== 'ECONNABORTED') next(err);
  };
}
