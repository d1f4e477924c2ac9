/**
 * The load generator, run by run.ts in a child process so that autocannon does not share an event
 * loop with the servers it measures. It receives one job over IPC, runs autocannon, records the
 * latency of every single response itself (autocannon's summary has p90 and p97.5 but no p95) and
 * sends back a summary.
 */

import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadSummary {
  durationSeconds: number;
  responses: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per second of the measured run. */
  okPerSecond: number;
  /** Exact percentiles over the 2xx responses' latencies (ms), from every recorded latency. */
  latency: { mean: number; p50: number; p90: number; p95: number; p99: number; max: number } | null;
  /** autocannon's own summary (its histogram, 2xx only), for cross-checking. */
  autocannon: { reqPerSecAvg: number; p50: number; p90: number; p97_5: number; p99: number };
}

async function runJob(job: LoadJob): Promise<LoadSummary> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let responses = 0;
  const instance = autocannon({ url: job.url, headers: job.headers, connections: job.connections, duration: job.durationSeconds, timeout: 10 });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    responses++;
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  // nearest-rank percentile
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const seconds = result.duration; // seconds, as measured by autocannon
  return {
    durationSeconds: seconds,
    responses,
    ok2xx: sorted.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    okPerSecond: sorted.length / seconds,
    latency: sorted.length
      ? { mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: pct(50), p90: pct(90), p95: pct(95), p99: pct(99), max: sorted[sorted.length - 1] }
      : null,
    autocannon: { reqPerSecAvg: result.requests.average, p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99 },
  };
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runJob(job).then(
      (summary) => process.send!({ ok: true, summary }, () => process.exit(0)),
      (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack : String(err) }, () => process.exit(1)),
    );
  });
}
