import { expect } from 'chai';
import { LATENCY_BUCKETS_MS, RequestMetrics, quantileFromBuckets } from '../../../src/modules/system/monitoring/request-metrics';
import { renderPrometheus } from '../../../src/modules/system/monitoring/prometheus';

/** A metrics store on a hand-driven clock. */
function store(start = Date.UTC(2026, 10, 24, 10, 0, 30)) {
  let now = start;
  const metrics = new RequestMetrics(() => now);
  return { metrics, advance: (ms: number) => (now += ms) };
}

describe('request metrics (unit)', () => {
  it('interpolates quantiles inside fixed buckets', () => {
    const buckets = new Array(LATENCY_BUCKETS_MS.length + 1).fill(0);
    const i75 = LATENCY_BUCKETS_MS.indexOf(75);
    const i100 = LATENCY_BUCKETS_MS.indexOf(100);
    buckets[i75] = 90; // (50, 75]
    buckets[i100] = 10; // (75, 100]
    // p50: rank 50 of the 90 in (50, 75] → 50 + 25 × 50/90 = 63.9
    expect(quantileFromBuckets(buckets, 0.5)).to.be.closeTo(63.89, 0.01);
    // p95: the 5th of 10 in (75, 100] → 75 + 25 × 5/10 = 87.5
    expect(quantileFromBuckets(buckets, 0.95)).to.equal(87.5);
    // p99: the 9th of 10 → 75 + 25 × 9/10 = 97.5
    expect(quantileFromBuckets(buckets, 0.99)).to.equal(97.5);
    expect(quantileFromBuckets(new Array(buckets.length).fill(0), 0.5)).to.equal(null);
  });

  it('answers p50/p95/p99, rate and error rate per route and overall from known samples', () => {
    const { metrics } = store();
    // 100 requests on one route: latencies 1..100 ms, 5 of them 500s and 10 of them 404s
    for (let ms = 1; ms <= 100; ms++) metrics.record('GET /api/projects/:id', ms <= 5 ? 500 : ms <= 15 ? 404 : 200, ms);
    // 20 slow requests on another
    for (let i = 0; i < 20; i++) metrics.record('POST /api/analyses', 201, 700);

    const s = metrics.summary(60);
    const projects = s.routes.find((r) => r.route === 'GET /api/projects/:id')!;
    expect(projects.requests).to.equal(100);
    expect(projects.errors).to.equal(5);
    expect(projects.clientErrors).to.equal(10);
    expect(projects.errorRatePercent).to.equal(5);
    // buckets: ≤5:5, (5,10]:5, (10,25]:15, (25,50]:25, (50,75]:25, (75,100]:25
    // p50 = 50th sample, the last of (25,50] → 50; p95 = 20th of 25 in (75,100] → 75 + 25 × 20/25 = 95
    expect(projects.p50Ms).to.equal(50);
    expect(projects.p95Ms).to.equal(95);
    expect(projects.p99Ms).to.equal(99); // 24th of 25 → 75 + 24 = 99
    expect(projects.avgMs).to.equal(50.5);

    const analyses = s.routes.find((r) => r.route === 'POST /api/analyses')!;
    // all 20 in (600, 800]: p50 = 600 + 200 × 10/20 = 700
    expect(analyses.p50Ms).to.equal(700);

    expect(s.overall.requests).to.equal(120);
    expect(s.overall.errorRatePercent).to.equal(4.2); // 5 / 120
    expect(s.routes[0].route).to.equal('GET /api/projects/:id'); // busiest first
    // The process has been up for less than a minute: the rate is per observed minute.
    expect(s.overall.requestsPerMinute).to.equal(120);
  });

  it('forgets minutes older than the window and keeps a per-minute series', () => {
    const { metrics, advance } = store();
    metrics.record('GET /api/a', 200, 10);
    advance(30 * 60_000);
    metrics.record('GET /api/a', 500, 10);
    metrics.record('GET /api/a', 200, 10);
    expect(metrics.summary(60).overall.requests).to.equal(3);
    expect(metrics.summary(15).overall.requests).to.equal(2);
    const series = metrics.summary(60).series;
    expect(series).to.have.length(60);
    expect(series.at(-1)).to.deep.include({ requests: 2, errors: 1 });
    expect(series.at(-31)).to.deep.include({ requests: 1, errors: 0 });

    advance(31 * 60_000); // the first request is now 61 minutes old; its slot is also reused by the ring
    metrics.record('GET /api/a', 200, 10);
    expect(metrics.summary(60).overall.requests).to.equal(3);
    advance(61 * 60_000);
    expect(metrics.summary(60).overall.requests).to.equal(0);
    // lifetime counters never go down
    expect(metrics.lifetimeStats().get('GET /api/a')!.count).to.equal(4);
  });

  it('renders the Prometheus text format with cumulative buckets', () => {
    const { metrics } = store();
    metrics.record('GET /api/users/:id', 200, 3);
    metrics.record('GET /api/users/:id', 503, 40);
    const text = renderPrometheus(metrics);
    expect(text).to.contain('# TYPE http_requests_total counter');
    expect(text).to.contain('http_requests_total{method="GET",route="/api/users/:id",status="2xx"} 1');
    expect(text).to.contain('http_requests_total{method="GET",route="/api/users/:id",status="5xx"} 1');
    expect(text).to.contain('http_request_duration_seconds_bucket{method="GET",route="/api/users/:id",le="0.005"} 1');
    expect(text).to.contain('http_request_duration_seconds_bucket{method="GET",route="/api/users/:id",le="0.05"} 2');
    expect(text).to.contain('http_request_duration_seconds_bucket{method="GET",route="/api/users/:id",le="+Inf"} 2');
    expect(text).to.contain('http_request_duration_seconds_count{method="GET",route="/api/users/:id"} 2');
    expect(text).to.match(/process_resident_memory_bytes \d+/);
  });
});
