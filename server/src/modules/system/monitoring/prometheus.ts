import { timingSafeEqual, createHash } from 'node:crypto';
import express from 'express';
import { LATENCY_BUCKETS_MS, STATUS_CLASSES, requestMetrics, type RequestMetrics } from './request-metrics';

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labels(pairs: Record<string, string>): string {
  return '{' + Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',') + '}';
}

/**
 * The Prometheus text exposition (format 0.0.4) of the process's request metrics: lifetime counters and
 * a latency histogram per route, plus process gauges. Rates and quantiles are Prometheus' job
 * (`rate()`, `histogram_quantile()`); the console's own view is /api/admin/system/performance.
 */
export function renderPrometheus(metrics: RequestMetrics = requestMetrics): string {
  const out: string[] = [];
  const stats = [...metrics.lifetimeStats()].sort(([a], [b]) => a.localeCompare(b));
  const split = (route: string) => {
    const space = route.indexOf(' ');
    return space > 0 ? { method: route.slice(0, space), route: route.slice(space + 1) } : { method: 'ANY', route };
  };

  out.push('# HELP http_requests_total HTTP requests answered, by route pattern and status class.', '# TYPE http_requests_total counter');
  for (const [key, s] of stats) {
    for (const cls of STATUS_CLASSES) if (s.byStatus[cls] > 0) out.push(`http_requests_total${labels({ ...split(key), status: cls })} ${s.byStatus[cls]}`);
  }

  out.push('# HELP http_request_duration_seconds Time to answer HTTP requests, by route pattern.', '# TYPE http_request_duration_seconds histogram');
  for (const [key, s] of stats) {
    const l = split(key);
    let cumulative = 0;
    LATENCY_BUCKETS_MS.forEach((bound, i) => {
      cumulative += s.buckets[i];
      out.push(`http_request_duration_seconds_bucket${labels({ ...l, le: String(bound / 1000) })} ${cumulative}`);
    });
    out.push(`http_request_duration_seconds_bucket${labels({ ...l, le: '+Inf' })} ${s.count}`);
    out.push(`http_request_duration_seconds_sum${labels(l)} ${(s.sumMs / 1000).toFixed(6)}`);
    out.push(`http_request_duration_seconds_count${labels(l)} ${s.count}`);
  }

  const mem = process.memoryUsage();
  out.push(
    '# HELP process_resident_memory_bytes Resident memory size in bytes.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`,
    '# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.', '# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`,
    '# HELP process_uptime_seconds Seconds since the process started.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${Math.round(process.uptime())}`,
  );
  return out.join('\n') + '\n';
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics for a Prometheus scraper, with `Authorization: Bearer <METRICS_TOKEN>`.
 * Unset token: 404 (the endpoint does not exist, so nothing about the service leaks);
 * missing or wrong token: 401.
 */
export function metricsRouter(token: string | undefined, metrics: RequestMetrics = requestMetrics): express.Router {
  const router = express.Router();
  router.get('/metrics', (req, res) => {
    if (!token) return res.status(404).type('text').send('Not found');
    const given = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim() ?? '';
    // Compare fixed-length digests so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(given), digest(token))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return res.status(401).type('text').send('A valid metrics token is required');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/plain; version=0.0.4; charset=utf-8').send(renderPrometheus(metrics));
  });
  return router;
}
