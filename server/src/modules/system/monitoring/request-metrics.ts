import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RequestHandler } from 'express';
import { clock } from '../../../lib/clock';

/**
 * In-process request metrics: per route pattern (`GET /api/projects/:id`, never the raw URL, so the
 * number of series stays bounded), counts by status class and latency in fixed-bucket histograms.
 * A ring of 60 one-minute slots answers "the last hour"; lifetime totals feed the Prometheus counters.
 */

/** Upper bounds (ms) of the latency buckets; the last bucket is open-ended (+Inf). */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 75, 100, 150, 250, 400, 600, 800, 1000, 1500, 2500, 4000, 6000, 10_000, 30_000] as const;
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

const WINDOW_MINUTES = 60;
const MINUTE_MS = 60_000;
// Routes nobody matched (404s, scanners) share one series instead of one per URL.
export const UNMATCHED_ROUTE = '(unmatched)';

export interface RouteStats {
  count: number;
  byStatus: Record<StatusClass, number>;
  /** buckets[i] counts requests with latency ≤ LATENCY_BUCKETS_MS[i] and > the previous bound; the last is +Inf. */
  buckets: number[];
  sumMs: number;
}

interface Slot {
  minute: number;
  routes: Map<string, RouteStats>;
}

export interface RouteSummary {
  route: string;
  requests: number;
  requestsPerMinute: number;
  errors: number;
  /** 5xx answers as a percentage of all answers (4xx are the caller's mistakes, not ours). */
  errorRatePercent: number;
  clientErrors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  avgMs: number | null;
}

export interface MinutePoint {
  at: string;
  requests: number;
  errors: number;
}

export function emptyStats(): RouteStats {
  return { count: 0, byStatus: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, buckets: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0), sumMs: 0 };
}

function bucketIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]) return i;
  return LATENCY_BUCKETS_MS.length;
}

export function statusClass(status: number): StatusClass {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}

export function addInto(target: RouteStats, source: RouteStats): void {
  target.count += source.count;
  target.sumMs += source.sumMs;
  for (const c of STATUS_CLASSES) target.byStatus[c] += source.byStatus[c];
  for (let i = 0; i < target.buckets.length; i++) target.buckets[i] += source.buckets[i];
}

/**
 * The q-quantile (0..1) of a bucketed histogram, interpolated linearly inside the bucket that holds it
 * (what Prometheus' histogram_quantile does). The open-ended bucket answers with its lower bound.
 * E.g. 100 samples, 90 in (50, 75] and 10 in (75, 100]: p95 is the 95th sample, the 5th of 10 in
 * (75, 100] → 75 + 25 × 5/10 = 87.5.
 */
export function quantileFromBuckets(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    if (buckets[i] === 0) continue;
    if (seen + buckets[i] >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      if (i === LATENCY_BUCKETS_MS.length) return lower;
      const upper = LATENCY_BUCKETS_MS[i];
      return lower + ((upper - lower) * (rank - seen)) / buckets[i];
    }
    seen += buckets[i];
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function summarize(route: string, s: RouteStats, minutes: number): RouteSummary {
  return {
    route,
    requests: s.count,
    requestsPerMinute: round1(s.count / minutes) ?? 0,
    errors: s.byStatus['5xx'],
    errorRatePercent: s.count ? round1((100 * s.byStatus['5xx']) / s.count)! : 0,
    clientErrors: s.byStatus['4xx'],
    p50Ms: round1(quantileFromBuckets(s.buckets, 0.5)),
    p95Ms: round1(quantileFromBuckets(s.buckets, 0.95)),
    p99Ms: round1(quantileFromBuckets(s.buckets, 0.99)),
    avgMs: s.count ? round1(s.sumMs / s.count) : null,
  };
}

/** One process's request metrics. */
export class RequestMetrics {
  private slots: Array<Slot | undefined> = new Array(WINDOW_MINUTES);
  private lifetime = new Map<string, RouteStats>();
  readonly startedAt: number;
  /** Names this process's rows when its totals are shared with the other processes (alert checks). */
  readonly instanceId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(private readonly now: () => number = () => clock.now().getTime()) {
    this.startedAt = now();
  }

  /** Records one answered request. `route` is `METHOD /pattern`. */
  record(route: string, status: number, durationMs: number): void {
    const minute = Math.floor(this.now() / MINUTE_MS);
    const index = ((minute % WINDOW_MINUTES) + WINDOW_MINUTES) % WINDOW_MINUTES;
    let slot = this.slots[index];
    if (!slot || slot.minute !== minute) slot = this.slots[index] = { minute, routes: new Map() };
    const cls = statusClass(status);
    const b = bucketIndex(durationMs);
    for (const map of [slot.routes, this.lifetime]) {
      let stats = map.get(route);
      if (!stats) map.set(route, (stats = emptyStats()));
      stats.count += 1;
      stats.sumMs += durationMs;
      stats.byStatus[cls] += 1;
      stats.buckets[b] += 1;
    }
  }

  /** The slots of the last `minutes` minutes (the current, partial minute included). */
  private recent(minutes: number): Slot[] {
    const current = Math.floor(this.now() / MINUTE_MS);
    return this.slots.filter((s): s is Slot => !!s && s.minute > current - minutes && s.minute <= current);
  }

  /** Per-route and overall figures over the last `minutes` minutes (at most 60). */
  summary(minutes = WINDOW_MINUTES): { windowMinutes: number; overall: RouteSummary; routes: RouteSummary[]; series: MinutePoint[] } {
    const window = Math.min(Math.max(1, Math.floor(minutes)), WINDOW_MINUTES);
    const slots = this.recent(window);
    const perRoute = new Map<string, RouteStats>();
    const overall = emptyStats();
    for (const slot of slots) {
      for (const [route, stats] of slot.routes) {
        let acc = perRoute.get(route);
        if (!acc) perRoute.set(route, (acc = emptyStats()));
        addInto(acc, stats);
        addInto(overall, stats);
      }
    }
    // Divide rates by the minutes actually observed: a process up for 3 minutes has 3, not 60.
    const observed = Math.max(1, Math.min(window, Math.ceil((this.now() - this.startedAt) / MINUTE_MS)));
    const current = Math.floor(this.now() / MINUTE_MS);
    const series: MinutePoint[] = [];
    for (let m = current - window + 1; m <= current; m++) {
      const slot = slots.find((s) => s.minute === m);
      let requests = 0;
      let errors = 0;
      for (const stats of slot?.routes.values() ?? []) {
        requests += stats.count;
        errors += stats.byStatus['5xx'];
      }
      series.push({ at: new Date(m * MINUTE_MS).toISOString(), requests, errors });
    }
    return {
      windowMinutes: window,
      overall: summarize('all', overall, observed),
      routes: [...perRoute].map(([route, stats]) => summarize(route, stats, observed)).sort((a, b) => b.requests - a.requests),
      series,
    };
  }

  /** All routes added up, per minute (epoch minutes) from `fromMinute` on: what is shared with other processes. */
  minuteTotals(fromMinute: number): Array<{ minute: number; stats: RouteStats }> {
    return this.slots
      .filter((s): s is Slot => !!s && s.minute >= fromMinute)
      .map((slot) => {
        const stats = emptyStats();
        for (const route of slot.routes.values()) addInto(stats, route);
        return { minute: slot.minute, stats };
      })
      .filter((m) => m.stats.count > 0);
  }

  /** Totals since the process started (Prometheus counters must never go down). */
  lifetimeStats(): ReadonlyMap<string, RouteStats> {
    return this.lifetime;
  }

  reset(): void {
    this.slots = new Array(WINDOW_MINUTES);
    this.lifetime = new Map();
  }
}

/** The process's metrics, shared by the middleware, the admin routes, /metrics and the threshold check. */
export const requestMetrics = new RequestMetrics();

/**
 * Times every request under the router it is mounted on and records it under its matched route
 * pattern once the response is finished.
 */
export function requestMetricsMiddleware(metrics: RequestMetrics = requestMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const base = req.baseUrl;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Api routes name their declared pattern; a plain Express route (docs) has req.route.
      const pattern = req.routePattern ?? req.route?.path;
      const route = typeof pattern === 'string' ? `${req.method} ${base}${pattern}` : UNMATCHED_ROUTE;
      metrics.record(route, res.statusCode, ms);
    });
    next();
  };
}
